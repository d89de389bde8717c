import { type Config, parseConfig } from "../config.js";
import { DEMO_ACCOUNTS } from "../synthetic/org.js";

/** Where the demo's CUR export lives inside the sandbox's data dir (each sub-folder is a bucket). */
export const DEMO_CUR = { bucket: "demo-cur-bucket", prefix: "cur", exportName: "bedrock-spend-demo" };

export const demoCurSource = () => `s3://${DEMO_CUR.bucket}/${DEMO_CUR.prefix}/${DEMO_CUR.exportName}`;

/** The budget the demo org crosses (the research team's month) and one it stays inside. */
export const DEMO_BUDGETS = [
  {
    name: "research-team",
    monthlyUsd: 1500,
    scope: { tag: { key: "team", value: "research" } },
    thresholds: [0.5, 0.8, 1.0],
  },
  { name: "all-bedrock", monthlyUsd: 50_000, thresholds: [0.8, 1.0] },
];

/**
 * The in-memory config of the demo: the sandbox org's three accounts, each assuming its read-only
 * role with its ExternalId (as a real setup would), the CUR export in the sandbox's S3, two
 * budgets and the anomaly defaults. Validated like a user's file so the demo exercises the same rules.
 */
export function demoConfig(): Config {
  return parseConfig(
    {
      accounts: DEMO_ACCOUNTS.map((a) => ({
        id: a.id,
        name: a.name,
        roleArn: `arn:aws:iam::${a.id}:role/${a.roleName}`,
        externalId: a.externalId,
        regions: a.regions,
        invocationLogs:
          a.id === "222222222222"
            ? { logGroup: "/aws/bedrock/invocations" }
            : { s3: { bucket: `sandbox-bedrock-logs-${a.id}-${a.regions[0]}`, prefix: "bedrock-logs" } },
      })),
      cur: { source: demoCurSource(), account: DEMO_ACCOUNTS[0].id },
      budgets: DEMO_BUDGETS,
      collect: { backfillDays: 35, concurrency: 4 },
    },
    "demo config",
  );
}

/** Where the demo keeps its own store: never the default database (docs/architecture.md §6). */
export const DEMO_DB_PATH = "./data/demo.db";

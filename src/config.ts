import { existsSync, readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { UsageError } from "./errors.js";

/** The YAML config (docs/architecture.md §6). Strict objects: an unknown key is an error naming its path. */

const accountId = z.string().regex(/^\d{12}$/, "a 12-digit AWS account id as a quoted string");
const region = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "an AWS region such as us-east-1");
const cron = z.string().min(9, 'a 5-field cron expression such as "5 * * * *"');

const invocationLogsSchema = z
  .strictObject({
    s3: z.strictObject({ bucket: z.string().min(3), prefix: z.string().default("") }).optional(),
    logGroup: z.string().min(1).optional(),
  })
  .refine((v) => v.s3 || v.logGroup, { message: "set either s3 or logGroup" });

const accountSchema = z
  .strictObject({
    id: accountId,
    name: z.string().min(1).optional(),
    roleArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, "an IAM role ARN (arn:aws:iam::<id>:role/<name>)")
      .optional(),
    externalId: z.string().min(2).max(1224).optional(),
    regions: z.array(region).min(1).default(["us-east-1"]),
    invocationLogs: invocationLogsSchema.optional(),
  })
  .refine((a) => !a.roleArn || a.externalId, {
    message: "externalId is required when roleArn is set",
    path: ["externalId"],
  });

const budgetScope = z.union([
  z.strictObject({ tag: z.strictObject({ key: z.string().min(1), value: z.string() }) }),
  z.strictObject({ model: z.string().min(1) }),
  z.strictObject({ account: accountId }),
  z.strictObject({ principal: z.string().min(1) }),
  z.strictObject({}),
]);

const budgetSchema = z.strictObject({
  name: z.string().min(1),
  monthlyUsd: z.number().positive(),
  scope: budgetScope.optional(),
  thresholds: z.array(z.number().positive().max(10)).default([0.5, 0.8, 1.0]),
});

export const configSchema = z.strictObject({
  accounts: z.array(accountSchema).default([]),
  cur: z
    .strictObject({
      source: z.string().min(1),
      account: accountId.optional(),
    })
    .optional(),
  budgets: z.array(budgetSchema).default([]),
  collect: z
    .strictObject({
      backfillDays: z.number().int().min(1).max(455).default(35),
      concurrency: z.number().int().min(1).max(32).default(4),
      timezone: z.string().default("UTC"),
      schedule: z
        .strictObject({
          metrics: cron.default("5 * * * *"),
          logs: cron.default("10 * * * *"),
          inventory: cron.default("0 3 * * *"),
          cur: cron.default("0 */6 * * *"),
        })
        .prefault({}),
    })
    .prefault({}),
  anomaly: z
    .strictObject({
      minImpactUsd: z.number().min(0).default(20),
      // Relative floor: an incident's impact must also reach this share of its series' expected spend.
      minImpactPct: z.number().min(0).default(0.1),
      minScore: z.number().positive().default(3.5),
    })
    .prefault({}),
  slack: z
    .strictObject({
      channel: z.string().min(1).optional(),
      digest: z
        .strictObject({ cron: cron.default("0 9 * * *"), timezone: z.string().default("UTC") })
        .prefault({}),
      // The weekly savings post (docs/savings.md); the time zone defaults to the digest's.
      savings: z
        .strictObject({ cron: cron.default("0 9 * * 1"), timezone: z.string().optional() })
        .prefault({}),
      // How often alerts are evaluated (UTC); cheap and idempotent, only what is new is posted.
      alerts: z.strictObject({ cron: cron.default("*/15 * * * *") }).prefault({}),
      allowChannels: z.array(z.string()).optional(),
      allowUsers: z.array(z.string()).optional(),
      // `serve` in HTTP mode (SLACK_SIGNING_SECRET without SLACK_APP_TOKEN): where /slack/events listens.
      port: z.number().int().min(0).max(65535).default(3000),
      host: z.string().default("127.0.0.1"),
    })
    .prefault({}),
  mcp: z
    .strictObject({
      // 0 picks a free port (the URL is logged on stderr).
      port: z.number().int().min(0).max(65535).default(3917),
      host: z.string().default("127.0.0.1"),
      allowedHosts: z.array(z.string()).optional(),
      allowedOrigins: z.array(z.string()).optional(),
      // Over HTTP: tool calls computing at once (more get 503 + Retry-After), the budget of one
      // call including its wait, and the worker threads that compute (default: cores − 1, 1..4).
      maxInFlight: z.number().int().min(1).max(1000).default(4),
      callTimeoutMs: z.number().int().min(100).max(600_000).default(8000),
      workers: z.number().int().min(0).max(64).optional(),
    })
    .prefault({}),
  serve: z
    .strictObject({
      // /healthz, /readyz and /metrics on their own port (--ops-port); absent: on the MCP port.
      opsPort: z.number().int().min(0).max(65535).optional(),
      // /readyz fails when the newest successful collection is older than this.
      maxCollectionAgeMinutes: z.number().int().min(1).default(180),
      // Replicas on one store: a job tick's lease lasts this long without a heartbeat (renewed
      // every third of it), so a dead replica's tick is taken over after at most this long.
      leaseSeconds: z.number().min(1).max(3600).default(120),
    })
    .prefault({}),
});

export type Config = z.infer<typeof configSchema>;
export type AccountConfig = Config["accounts"][number];
export type BudgetConfig = Config["budgets"][number];

export const DEFAULT_CONFIG_PATH = "./bedrock-spend.config.yaml";

/** One line naming the first problem: `config accounts[0].id: expected …`. */
export function formatZodIssue(prefix: string, issue: z.core.$ZodIssue): string {
  const path = issue.path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join("");
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.join(", ");
    return `${prefix} ${path ? `${path}: ` : ""}unknown key ${keys} (remove it or check its spelling)`;
  }
  return `${prefix} ${path || "(root)"}: ${issue.message}`;
}

export function parseConfig(raw: unknown, origin = "config"): Config {
  const result = configSchema.safeParse(raw ?? {});
  if (!result.success) throw new UsageError(formatZodIssue(origin, result.error.issues[0]));
  return result.data;
}

/**
 * Loads the config: explicit path (flag or env) must exist; the default path is optional.
 * Returns defaults when no file is present.
 */
export function loadConfig(explicitPath: string | undefined): { config: Config; path: string | null } {
  const path = explicitPath ?? (existsSync(DEFAULT_CONFIG_PATH) ? DEFAULT_CONFIG_PATH : null);
  if (!path) return { config: parseConfig({}), path: null };
  if (!existsSync(path))
    throw new UsageError(`config file ${path} does not exist (check --config or BEDROCK_SPEND_CONFIG)`);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, "utf8"));
  } catch (err) {
    throw new UsageError(`config ${path} is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  return { config: parseConfig(raw, `config ${path}`), path };
}

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AwsAccess } from "../../src/aws/access.js";
import { READ_ONLY_ACTIONS } from "../../src/aws/read-only.js";
import { type CollectSummary, runCollection } from "../../src/collect/run.js";
import { exitCodeFor } from "../../src/commands/collect.js";
import { type Config, parseConfig } from "../../src/config.js";
import { PLANTED_MARKER } from "../../src/sandbox/org-logs.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import type { Db } from "../../src/store/db.js";
import { silentLogger } from "../../src/util/log.js";
import { fileDb, rowsContaining, TEST_ENGINE } from "../helpers/db.js";
import { PROD, RESEARCH, STAGING, sandboxAccess, sandboxAccount } from "../helpers/sandbox.js";

/**
 * Acceptance (issue 3): 3 accounts × 2 regions through the real SDK against the local AWS
 * sandbox — partial failure, throttling, incremental re-runs, read-only calls, no bodies stored.
 */
const NOW = new Date("2026-11-26T12:34:00Z");
const ACCOUNTS = [PROD, STAGING, RESEARCH];
/** Two regions each; staging is also configured for us-west-2, where it has no Bedrock traffic. */
const REGIONS: Record<string, string[]> = {
  [PROD]: sandboxAccount(PROD).regions,
  [STAGING]: ["us-east-1", "us-west-2"],
  [RESEARCH]: sandboxAccount(RESEARCH).regions,
};

function config(): Config {
  return parseConfig({
    accounts: ACCOUNTS.map((id) => ({
      ...sandboxAccount(id, { regions: REGIONS[id] }),
      invocationLogs:
        id === STAGING
          ? { logGroup: "/aws/bedrock/invocations" }
          : { s3: { bucket: `sandbox-bedrock-logs-${id}-us-east-1`, prefix: "bedrock-logs" } },
    })),
    collect: { backfillDays: 35, concurrency: 4 },
  });
}

async function snapshot(db: Db) {
  const metrics = await db
    .selectFrom("metric_hourly")
    .selectAll()
    .orderBy("account")
    .orderBy("region")
    .orderBy("model_id")
    .orderBy("hour")
    .execute();
  const logs = await db.selectFrom("invocation_log").selectAll().orderBy("request_id").execute();
  const inventory = await db.selectFrom("inference_profile").select(["arn", "tags"]).orderBy("arn").execute();
  return { metrics, logs, inventory };
}

describe("collect acceptance against the sandbox", { timeout: 120_000 }, () => {
  let sb: Sandbox;
  let aws: AwsAccess;
  const open: { db: Db }[] = [];
  const collect = async (db: Db, maxAttempts?: number): Promise<CollectSummary> => {
    aws = sandboxAccess(sb, maxAttempts);
    try {
      return await runCollection({ db, config: config(), now: () => NOW, log: silentLogger, aws });
    } finally {
      aws.close();
    }
  };
  const fresh = async () => {
    const f = await fileDb();
    open.push(f);
    return f;
  };
  beforeAll(async () => {
    sb = await startSandbox({ now: NOW, logHours: 6 });
  });
  afterAll(async () => {
    for (const f of open) await f.db.destroy();
    await sb.close();
  });

  let baseline: Awaited<ReturnType<typeof snapshot>>;
  let baseDb: { db: Db; path: string };

  it("collects every source × account × region, read-only, and stores no prompt or response body", async () => {
    baseDb = await fresh();
    sb.clearCallLog();
    const s = await collect(baseDb.db);
    expect(s.units.filter((u) => u.status === "failed")).toEqual([]);
    expect(exitCodeFor(s)).toBe(0);
    // Invocation logging is off in research/eu-central-1 and staging/us-west-2: skipped, not failed.
    expect(
      s.units
        .filter((u) => u.status === "skipped")
        .map((u) => `${u.source} ${u.account}/${u.region}`)
        .sort(),
    ).toEqual([`logs ${RESEARCH}/eu-central-1`, `logs ${STAGING}/us-west-2`].sort());
    const regions = ACCOUNTS.flatMap((id) => REGIONS[id].map((r) => `${id}/${r}`));
    expect(regions).toHaveLength(6);
    for (const source of ["metrics", "inventory", "logs"])
      expect(
        s.units
          .filter((u) => u.source === source)
          .map((u) => `${u.account}/${u.region}`)
          .sort(),
      ).toEqual(regions.sort());
    baseline = await snapshot(baseDb.db);
    expect(new Set(baseline.metrics.map((m) => m.account))).toEqual(new Set(ACCOUNTS));
    expect(baseline.logs.length).toBeGreaterThan(0);
    expect(new Set(baseline.logs.map((l) => l.account))).toEqual(new Set(ACCOUNTS));
    // Only allow-listed read actions ever reached AWS.
    const actions = new Set(sb.callLog().map((c) => c.action));
    for (const a of actions) expect(READ_ONLY_ACTIONS.has(a), a).toBe(true);
    // The sandbox planted a marker in prod's content-logged bodies (the objects we read hold it)…
    const objects = readdirSync(sb.dataDir, { recursive: true, encoding: "utf8" }).filter((f) =>
      f.endsWith(".json.gz"),
    );
    const planted = objects.filter((f) =>
      gunzipSync(readFileSync(join(sb.dataDir, f))).includes(PLANTED_MARKER),
    );
    expect(planted.length).toBeGreaterThan(0);
    expect(baseline.logs.some((l) => l.account === PROD && l.region === "us-east-1")).toBe(true);
    // …and it is nowhere in the store: the database files (main file and WAL), or every row of
    // every table on PostgreSQL.
    if (TEST_ENGINE === "postgres") {
      expect(await rowsContaining(baseDb.db, PLANTED_MARKER)).toEqual([]);
      return;
    }
    const files = readdirSync(join(baseDb.path, "..")).filter((f) => f.startsWith("store.db"));
    expect(files).toContain("store.db");
    for (const f of files)
      expect(readFileSync(join(baseDb.path, "..", f)).includes(PLANTED_MARKER), f).toBe(false);
  });

  it("a second run right after is incremental: same data, far fewer calls", async () => {
    // Inventory is a snapshot (re-listed each run by design); metrics and logs are incremental.
    const incremental = (c: { action: string }) => /^(cloudwatch|logs|s3):/.test(c.action);
    const before = sb.callLog().filter(incremental).length;
    sb.clearCallLog();
    const s = await collect(baseDb.db);
    expect(exitCodeFor(s)).toBe(0);
    const again = await snapshot(baseDb.db);
    expect(again).toEqual(baseline);
    const calls = sb.callLog().filter(incremental);
    expect(calls.length).toBeLessThan(before * 0.6);
    // One GetMetricData per account × region with Bedrock metrics now (the 2 re-fetched hours), vs a
    // 35-day backfill before; staging/us-west-2 has no metrics, so nothing to fetch there.
    const gmd = calls.filter((c) => c.action === "cloudwatch:GetMetricData").length;
    const withMetrics = new Set(baseline.metrics.map((m) => `${m.account}/${m.region}`));
    expect(withMetrics.size).toBe(5);
    expect(gmd).toBe(withMetrics.size);
    const items = s.units.filter((u) => u.source === "metrics").reduce((n, u) => n + u.items, 0);
    expect(items).toBeLessThan(baseline.metrics.length / 100);
  });

  it("a wrong ExternalId fails that account only (exit 3), each failure recorded with a fix", async () => {
    const { db } = await fresh();
    sb.setFaults({ wrongExternalId: [STAGING] });
    const s = await collect(db);
    sb.setFaults({});
    expect(exitCodeFor(s)).toBe(3);
    const failed = s.units.filter((u) => u.status === "failed");
    expect(new Set(failed.map((u) => u.account))).toEqual(new Set([STAGING]));
    expect(s.units.filter((u) => u.account !== STAGING && u.status === "failed")).toEqual([]);
    const runs = await db.selectFrom("collection_run").selectAll().where("account", "=", STAGING).execute();
    expect(runs.length).toBe(failed.length);
    for (const r of runs) {
      expect(r.status).toBe("failed");
      expect(r.error_name).toBe("AccessDenied");
      expect(r.fix).toMatch(/ExternalId/);
    }
    const others = await db.selectFrom("metric_hourly").select("account").distinct().execute();
    expect(others.map((o) => o.account).sort()).toEqual([PROD, RESEARCH]);
  });

  it("with 20% of calls throttled the stored data equals an unthrottled run", async () => {
    const { db } = await fresh();
    sb.setFaults({ throttle: { rate: 0.2 }, seed: 3 });
    sb.clearCallLog();
    const s = await collect(db, 10);
    sb.setFaults({});
    expect(sb.callLog().filter((c) => c.status >= 400).length).toBeGreaterThan(5);
    expect(s.units.filter((u) => u.status === "failed")).toEqual([]);
    expect(await snapshot(db)).toEqual(baseline);
  });
});

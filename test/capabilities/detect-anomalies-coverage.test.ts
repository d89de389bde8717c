import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectAnomaliesCapability as cap } from "../../src/capabilities/detect-anomalies.js";
import type { Deps } from "../../src/capabilities/types.js";
import { parseConfig } from "../../src/config.js";
import type { Db } from "../../src/store/db.js";
import { silentLogger } from "../../src/util/log.js";
import { memoryDb } from "../helpers/db.js";
import {
  BILLED,
  CONFIG,
  FIRST_ESTIMATED,
  NOW,
  PROD,
  RESEARCH,
  RUNAWAY_HOURS,
  SONNET,
  seedCoverageOrg,
} from "./coverage-fixture.js";

/**
 * Issue 10 on a real store: research cannot read metrics (AccessDenied), invocation logs carry 15%
 * of the requests, and prod's Sonnet runs ×10 for four hours on the first estimated day.
 */

const deps = (db: Db, now = NOW): Deps => ({
  db,
  config: parseConfig(CONFIG),
  now: () => new Date(now),
  log: silentLogger,
});
const run = (db: Db, input: object = {}, now = NOW) => cap.run(deps(db, now), cap.inputSchema.parse(input));
const firstDay = { from: FIRST_ESTIMATED, to: FIRST_ESTIMATED };

let db: Db;
beforeAll(async () => {
  db = await memoryDb();
  await seedCoverageOrg(db, { runaway: true });
});
afterAll(() => db.destroy());

async function dailyUsd(
  table: "cost_daily" | "cost_estimate_daily",
  account: string,
  from: string,
  to: string,
) {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.sum<number>("cost_usd").as("usd"))
    .where("account", "=", account)
    .where("day", ">=", from)
    .where("day", "<=", to)
    .executeTakeFirst();
  return Number(r?.usd ?? 0);
}

describe("detect_anomalies on the first estimated day of a partly covered organization", () => {
  it("the store holds the artefacts: research's estimate is only what the logs saw", async () => {
    const billedDay = (await dailyUsd("cost_daily", RESEARCH, "2026-11-10", BILLED)) / 7;
    const estimated = await dailyUsd("cost_estimate_daily", RESEARCH, FIRST_ESTIMATED, FIRST_ESTIMATED);
    expect(estimated).toBeGreaterThan(0.1 * billedDay);
    expect(estimated).toBeLessThan(0.25 * billedDay);
  });

  it("returns exactly one incident (the runaway, with its driver chain and hours), no drop, one data gap with its fix", async () => {
    const out = await run(db, firstDay);
    expect(cap.outputSchema.parse(out)).toEqual(out);
    expect(out.incidents).toHaveLength(1);
    const [inc] = out.incidents;
    expect(inc).toMatchObject({
      direction: "spike",
      granularity: "hour",
      source: "estimated",
      start: RUNAWAY_HOURS[0],
      end: RUNAWAY_HOURS[3],
      hours: RUNAWAY_HOURS,
    });
    expect(inc.driverChain.slice(0, 3)).toEqual([
      { dimension: "model", key: SONNET },
      { dimension: "account", key: PROD, label: `prod (${PROD})` },
      { dimension: "region", key: "us-east-1" },
    ]);
    // 9 extra busy hours of prod's Sonnet (~$11.5 an hour at list price) four times, counted once.
    expect(inc.impactUsd).toBeGreaterThan(330);
    expect(inc.impactUsd).toBeLessThan(480);
    expect(inc.title).toMatch(
      /^Spike: Claude Sonnet 4\.6 in prod \(111111111111\) us-east-1.*, \+\$\d{3}\.\d\d over 4 h$/,
    );
    expect(RUNAWAY_HOURS).toContain(inc.peak);

    expect(out.anomalies.filter((a) => a.direction === "drop")).toEqual([]);
    expect(out.anomalies.filter((a) => a.dimension === "principal" && a.key === null)).toEqual([]);
    expect(out.anomalies.filter((a) => a.key === RESEARCH)).toEqual([]);
    expect(new Set(out.anomalies.map((a) => a.incidentId))).toEqual(new Set([inc.id]));
    expect(inc.anomalyIds.sort()).toEqual(out.anomalies.map((a) => a.id).sort());
    // The day and each of its hours, through total, model, account and region.
    expect(
      out.anomalies
        .filter((a) => a.granularity === "day")
        .map((a) => a.dimension)
        .sort(),
    ).toEqual(["account", "model", "region", "total"]);

    expect(out.dataGaps).toEqual([
      {
        id: expect.stringMatching(/^gap-[0-9a-f]{16}$/),
        account: RESEARCH,
        accountName: "research",
        region: "us-east-1",
        source: "metrics",
        // Research never had metrics: missing from the store's first metric hour, not from the
        // first denied run.
        since: "2026-10-10T00:00Z",
        reason:
          "cloudwatch:GetMetricData denied (AccessDenied) since 2026-10-10T06:05Z (3 runs in a row); no CloudWatch metrics collected for it yet",
        fix:
          "allow cloudwatch:GetMetricData in role arn:aws:iam::333333333333:role/BedrockSpendReadOnly " +
          "(redeploy the read-only policy: `bedrock-spend cfn-template`); the next `collect` backfills the missing hours",
      },
    ]);
    const coverage = (dim: string) =>
      out.coverage.find((c) => c.dimension === dim && c.day === FIRST_ESTIMATED);
    expect(coverage("total")).toMatchObject({ compared: "covered_part" });
    expect(coverage("total")?.note).toContain("research (333333333333) us-east-1");
    expect(coverage("total")?.pct).toBeGreaterThan(0.6);
    expect(coverage("total")?.pct).toBeLessThan(0.8);
    expect(coverage("principal")).toMatchObject({ compared: "skipped" });
    expect(coverage("principal")?.pct).toBeCloseTo(0.15, 2);
  });

  it("keeps the incident id while the loop runs (ongoing) and after it ended; ids are stable across runs", async () => {
    const done = (await run(db, firstDay)).incidents[0];
    const again = (await run(db, firstDay)).incidents[0];
    expect(again).toEqual(done);
    const during = await run(db, { granularity: "hour", dimension: "model" }, `${FIRST_ESTIMATED}T15:20:00Z`);
    expect(during.incidents).toHaveLength(1);
    expect(during.incidents[0]).toMatchObject({ id: done.id, end: null, hours: RUNAWAY_HOURS.slice(0, 2) });
    expect(during.incidents[0].title).toMatch(/over 2 h, ongoing$/);
  });

  it("the default window (14 days and the last 48 hours) holds the same single incident and gap", async () => {
    const out = await run(db);
    expect(out.incidents.map((i) => i.hours)).toEqual([RUNAWAY_HOURS]);
    expect(out.anomalies.filter((a) => a.incidentId === null)).toEqual([]);
    expect(out.dataGaps.map((g) => [g.account, g.source])).toEqual([[RESEARCH, "metrics"]]);
  });
});

describe("the same organization without the runaway", () => {
  it("raises nothing but the data gap", async () => {
    const clean = await memoryDb();
    await seedCoverageOrg(clean);
    const out = await run(clean);
    expect(out.anomalies).toEqual([]);
    expect(out.incidents).toEqual([]);
    expect(out.dataGaps.map((g) => g.account)).toEqual([RESEARCH]);
    await clean.destroy();
  });
});

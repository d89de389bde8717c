import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ingestCur } from "../../../src/collect/cur/ingest.js";
import { type CurGeneratorResult, generateCurExport } from "../../../src/synthetic/cur-generator.js";
import { memoryDb, tempDir } from "../../helpers/db.js";
import { deps, NOW, periodProblems, tableCounts } from "./ingest-helpers.js";

describe("ingestCur: Parquet, OVERWRITE_REPORT", () => {
  let gen: CurGeneratorResult;
  beforeAll(async () => {
    gen = await generateCurExport({
      root: tempDir(),
      now: NOW,
      months: 2,
      daysPerPeriod: 4,
      rowsPerChunk: 1500,
    });
  });

  it("stores exactly the generator's Bedrock cost, per period, model, day and account, to the cent", async () => {
    const db = await memoryDb();
    const s = await ingestCur(deps(db), gen.exportDir);
    expect(s.periods.map((p) => [p.period, p.status])).toEqual([
      ["2026-10", "ok"],
      ["2026-11", "ok"],
    ]);
    for (const t of Object.values(gen.truth.periods)) expect(await periodProblems(db, t)).toEqual([]);
    expect(s.costUsd).toBeCloseTo(gen.truth.costUsd, 2);
    expect(Object.keys(gen.truth.periods["2026-11"].byModel).length).toBeGreaterThanOrEqual(8);
  });

  it("counts every line: read = truth lines, Bedrock = truth Bedrock lines, the rest skipped", async () => {
    const db = await memoryDb();
    const s = await ingestCur(deps(db), gen.exportDir);
    for (const p of s.periods) {
      const t = gen.truth.periods[p.period];
      expect(p.files).toBeGreaterThan(1);
      expect([p.rowsRead, p.bedrockRows, p.skippedRows]).toEqual([
        t.lines,
        t.bedrockLines,
        t.nonBedrockLines,
      ]);
    }
    const codes = await db.selectFrom("cost_daily").select("product_code").distinct().execute();
    for (const { product_code } of codes)
      expect(product_code).not.toMatch(/^Amazon(EC2|S3|RDS|DynamoDB)|Observability/);
  });

  it("records the period: last usage day, refresh time, IAM principal presence and an ingest log", async () => {
    const db = await memoryDb();
    await ingestCur(deps(db), gen.exportDir);
    const nov = await db
      .selectFrom("cur_period")
      .selectAll()
      .where("period", "=", "2026-11")
      .executeTakeFirstOrThrow();
    expect(nov).toMatchObject({ last_usage_day: "2026-11-05", has_iam_principal: 1, source: gen.exportDir });
    expect(nov.refreshed_at).toBe("2026-11-06T06:00:00.000Z");
    const log = await db
      .selectFrom("ingest_log")
      .selectAll()
      .where("period", "=", "2026-11")
      .executeTakeFirstOrThrow();
    expect(log.status).toBe("ok");
    expect(log.rows_read).toBe(gen.truth.periods["2026-11"].lines);
    const files = JSON.parse(log.files) as { path: string; size: number; mtime: string }[];
    expect(files.length).toBeGreaterThan(1);
    expect(files[0]).toMatchObject({
      path: expect.stringMatching(/^data\/BILLING_PERIOD=2026-11\/.+\.snappy\.parquet$/),
    });
  });

  it("maps tags, principals, tokens and vocabulary", async () => {
    const db = await memoryDb();
    await ingestCur(deps(db), gen.exportDir);
    const tagged = await db
      .selectFrom("cost_daily")
      .select("tags")
      .where("tags", "like", '%"team":"search"%')
      .executeTakeFirst();
    expect(JSON.parse(tagged!.tags)).toMatchObject({
      team: "search",
      app: "assistant",
      "iamPrincipal/team": "chat",
    });
    const mp = await db
      .selectFrom("cost_daily")
      .selectAll()
      .where("usage_type", "like", "USE1-MP:USE1_InputTokenCount_Global-Units")
      .where("model", "=", "Claude Sonnet 4.6")
      .executeTakeFirstOrThrow();
    expect(mp).toMatchObject({
      token_type: "input",
      route: "global",
      pricing_model: "on_demand",
      unit: "Units",
    });
    expect(mp.tokens).toBeCloseTo(mp.usage_amount * 1e6, 3);
    const pt = await db
      .selectFrom("cost_daily")
      .selectAll()
      .where("pricing_model", "=", "provisioned")
      .execute();
    // Two provisioned throughputs (the idle one and the savings traffic's committed one), one line a day each.
    expect(pt.length).toBe(16);
    expect(new Set(pt.map((r) => r.resource_id)).size).toBe(2);
    expect(pt.every((r) => r.token_type === "none" && r.tokens === 0)).toBe(true);
    const kinds = await db.selectFrom("cost_daily").select("pricing_model").distinct().execute();
    expect(kinds.map((k) => k.pricing_model).sort()).toEqual([
      "batch",
      "flex",
      "on_demand",
      "priority",
      "provisioned",
    ]);
  });

  it("re-ingesting the same files changes nothing and says unchanged", async () => {
    const db = await memoryDb();
    await ingestCur(deps(db), gen.exportDir);
    const before = await tableCounts(db);
    const ids = await db.selectFrom("cost_daily").select("id").orderBy("id").execute();
    const again = await ingestCur(deps(db), gen.exportDir);
    expect(again.periods.map((p) => p.status)).toEqual(["unchanged", "unchanged"]);
    expect(await tableCounts(db)).toEqual(before);
    expect(await db.selectFrom("cost_daily").select("id").orderBy("id").execute()).toEqual(ids);
    const forced = await ingestCur(deps(db), gen.exportDir, { force: true });
    expect(forced.ok).toBe(2);
    for (const t of Object.values(gen.truth.periods)) expect(await periodProblems(db, t)).toEqual([]);
  });
});

describe("ingestCur: CSV.gz, CREATE_NEW_REPORT", () => {
  it("counts only the newest execution, with and without manifests, and skips empty chunks", async () => {
    for (const manifest of [true, false]) {
      const gen = await generateCurExport({
        root: tempDir(),
        now: NOW,
        months: 2,
        daysPerPeriod: 3,
        format: "csv",
        layout: "CREATE_NEW_REPORT",
        executions: 3,
        emptyChunk: true,
        manifest,
        rowsPerChunk: 2000,
      });
      const db = await memoryDb();
      const s = await ingestCur(deps(db), gen.exportDir);
      expect(s.failed).toBe(0);
      for (const t of Object.values(gen.truth.periods)) expect(await periodProblems(db, t)).toEqual([]);
      for (const p of s.periods) {
        expect(p.rowsRead).toBe(gen.truth.periods[p.period].lines);
        // The manifest never names the leftover chunk; the listing finds it and skips it as empty.
        expect(p.emptyFiles).toBe(manifest ? 0 : 1);
      }
      const log = await db
        .selectFrom("ingest_log")
        .select("files")
        .where("period", "=", "2026-11")
        .executeTakeFirstOrThrow();
      const newest = gen.files.find((f) => f.includes("BILLING_PERIOD=2026-11"))!;
      const execution = newest.split("/").at(-2)!;
      for (const f of JSON.parse(log.files) as { path: string }[]) expect(f.path).toContain(`/${execution}/`);
    }
  });
});

describe("ingestCur: inputs it must refuse", () => {
  it("names the folder when there is no export", async () => {
    const db = await memoryDb();
    await expect(ingestCur(deps(db), join(tempDir(), "nothing-here"))).rejects.toThrow(/not a folder/);
    await expect(ingestCur(deps(db), tempDir())).rejects.toThrow(/no CUR data files/);
  });
});

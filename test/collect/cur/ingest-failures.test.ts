import { readFileSync, truncateSync, writeFileSync } from "node:fs";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { ingestCur } from "../../../src/collect/cur/ingest.js";
import { generateCurExport } from "../../../src/synthetic/cur-generator.js";
import { memoryDb, sqliteFileDb, tempDir } from "../../helpers/db.js";
import { deps, NOW, periodProblems, storedPeriod, tableCounts } from "./ingest-helpers.js";

const small = { now: NOW, months: 2, daysPerPeriod: 3, rowsPerChunk: 1500 } as const;

describe("restatement", () => {
  it.each(["OVERWRITE_REPORT", "CREATE_NEW_REPORT"] as const)(
    "a restated period replaces the old numbers, never adds to them (%s)",
    async (layout) => {
      const root = tempDir();
      const first = await generateCurExport({ ...small, root, layout, executions: 2 });
      const db = await memoryDb();
      await ingestCur(deps(db), first.exportDir);
      const restated = await generateCurExport({ ...small, root, layout, executions: 2, restatement: true });
      const oct = restated.truth.periods["2026-10"];
      expect(oct.costUsd).not.toBeCloseTo(first.truth.periods["2026-10"].costUsd, 0);
      const s = await ingestCur(deps(db), first.exportDir);
      expect(s.periods.map((p) => [p.period, p.status])).toEqual([
        ["2026-10", "ok"],
        ["2026-11", "unchanged"],
      ]);
      for (const t of Object.values(restated.truth.periods)) expect(await periodProblems(db, t)).toEqual([]);
      const stale = await db
        .selectFrom("cost_daily")
        .select("ingest_id")
        .distinct()
        .where("period", "=", "2026-10")
        .execute();
      expect(stale).toHaveLength(1);
    },
  );
});

describe("bad files leave the previous data intact and name the file", () => {
  async function ingestThenBreak(format: "parquet" | "csv", breakIt: (files: string[]) => void) {
    const gen = await generateCurExport({ ...small, root: tempDir(), format });
    const db = await memoryDb();
    await ingestCur(deps(db), gen.exportDir);
    const before = { oct: await storedPeriod(db, "2026-10"), counts: await tableCounts(db) };
    breakIt(gen.files.filter((f) => f.includes("BILLING_PERIOD=2026-10")));
    const s = await ingestCur(deps(db), gen.exportDir);
    return { gen, db, s, before };
  }

  it("corrupt Parquet: the period fails with `<file>: <reason>`, others still ingest, exit would be 3", async () => {
    const { db, s, before } = await ingestThenBreak("parquet", (files) => {
      const bytes = readFileSync(files[0]);
      bytes.fill(7, 100, bytes.length - 100);
      writeFileSync(files[0], bytes);
    });
    const oct = s.periods.find((p) => p.period === "2026-10")!;
    expect(oct.status).toBe("failed");
    expect(oct.error).toMatch(/^data\/BILLING_PERIOD=2026-10\/bedrock-spend-demo-0000\d\.snappy\.parquet: /);
    expect(s.periods.find((p) => p.period === "2026-11")!.status).toBe("unchanged");
    expect(s.failed).toBe(1);
    expect(await storedPeriod(db, "2026-10")).toEqual(before.oct);
    const log = await db
      .selectFrom("ingest_log")
      .selectAll()
      .where("status", "=", "failed")
      .executeTakeFirstOrThrow();
    expect(log.error).toBe(oct.error);
  });

  it("damaged data pages behind an intact footer: the single-scan failure is traced to the file", async () => {
    const { s, db, before } = await ingestThenBreak("parquet", (files) => {
      const bytes = readFileSync(files[1]);
      bytes.fill(7, 4, Math.floor(bytes.length * 0.4));
      writeFileSync(files[1], bytes);
    });
    const oct = s.periods.find((p) => p.period === "2026-10")!;
    expect(oct.status).toBe("failed");
    expect(oct.error).toMatch(
      /^data\/BILLING_PERIOD=2026-10\/bedrock-spend-demo-00002\.snappy\.parquet: (?!cannot read)/,
    );
    expect(await storedPeriod(db, "2026-10")).toEqual(before.oct);
  });

  it("truncated gzip: the period fails naming the file and keeps the old rows", async () => {
    const { db, s, before } = await ingestThenBreak("csv", (files) => {
      const big = files.find((f) => readFileSync(f).length > 2000)!;
      truncateSync(big, Math.floor(readFileSync(big).length / 2));
    });
    const oct = s.periods.find((p) => p.period === "2026-10")!;
    expect(oct.status).toBe("failed");
    expect(oct.error).toMatch(/^data\/BILLING_PERIOD=2026-10\/bedrock-spend-demo-0000\d\.csv\.gz: /);
    expect(await storedPeriod(db, "2026-10")).toEqual(before.oct);
    expect((await tableCounts(db)).cost).toBe(before.counts.cost);
  });

  it("missing required column: fails naming file and column; a missing IAM principal column is a warning", async () => {
    const root = tempDir();
    const good = await generateCurExport({ ...small, root });
    const db = await memoryDb();
    await ingestCur(deps(db), good.exportDir);
    const before = await storedPeriod(db, "2026-11");
    await generateCurExport({ ...small, root, dropColumns: ["line_item_unblended_cost"] });
    const s = await ingestCur(deps(db), good.exportDir);
    expect(s.failed).toBe(2);
    expect(s.periods[1].error).toMatch(
      /^data\/BILLING_PERIOD=2026-11\/\S+: missing required column line_item_unblended_cost$/,
    );
    expect(await storedPeriod(db, "2026-11")).toEqual(before);

    const noPrincipal = await generateCurExport({
      ...small,
      root: tempDir(),
      dropColumns: ["line_item_iam_principal"],
    });
    const db2 = await memoryDb();
    const s2 = await ingestCur(deps(db2), noPrincipal.exportDir);
    expect(s2.failed).toBe(0);
    expect(s2.periods[0].hasIamPrincipal).toBe(false);
    expect(s2.warnings.join("\n")).toMatch(/no line_item_iam_principal column/);
    const p = await db2
      .selectFrom("cur_period")
      .select("has_iam_principal")
      .where("period", "=", "2026-10")
      .executeTakeFirstOrThrow();
    expect(p.has_iam_principal).toBe(0);
    for (const t of Object.values(noPrincipal.truth.periods))
      expect(await periodProblems(db2, t)).toEqual([]);
  });
});

describe("DuckDB's memory cap", () => {
  // A cap far below what a scan needs stands in for files with large row groups.
  const tiny = { limit: "4MB", fallback: "1GB" };

  it("a scan that needs more than the cap is read again under the fallback, to the cent, and says so", async () => {
    const gen = await generateCurExport({ ...small, root: tempDir(), cardinality: "high", scale: 20_000 });
    const db = await memoryDb();
    const s = await ingestCur(deps(db), gen.exportDir, { duckMemory: tiny });
    expect(s.periods.map((p) => [p.period, p.status])).toEqual([
      ["2026-10", "ok"],
      ["2026-11", "ok"],
    ]);
    for (const p of s.periods)
      expect(p.warnings.filter((w) => w.includes("memory cap"))).toEqual([
        expect.stringMatching(
          new RegExp(
            `^${p.period}: scanning the files needed more than DuckDB's 4MB memory cap \\(data/.*parquet.*: Out of Memory Error: .*\\); the period was read again under 1GB`,
          ),
        ),
      ]);
    for (const t of Object.values(gen.truth.periods)) expect(await periodProblems(db, t)).toEqual([]);
  });

  it("under the usual cap there is no retry and no warning", async () => {
    const gen = await generateCurExport({ ...small, root: tempDir(), cardinality: "high", scale: 20_000 });
    const db = await memoryDb();
    const s = await ingestCur(deps(db), gen.exportDir);
    expect(s.periods.flatMap((p) => p.warnings).filter((w) => w.includes("memory cap"))).toEqual([]);
    expect(s.periods.every((p) => p.status === "ok")).toBe(true);
  });

  it("when even the fallback is too small the period fails naming the files, and what was stored stays", async () => {
    const gen = await generateCurExport({ ...small, root: tempDir() });
    const db = await memoryDb();
    await ingestCur(deps(db), gen.exportDir);
    const before = { oct: await storedPeriod(db, "2026-10"), counts: await tableCounts(db) };
    const s = await ingestCur(deps(db), gen.exportDir, {
      force: true,
      duckMemory: { limit: "4MB", fallback: "4MB" },
    });
    expect(s.periods.every((p) => p.status === "failed")).toBe(true);
    expect(s.periods[0].error).toMatch(/^data\/.*parquet.*: Out of Memory Error/);
    expect(await storedPeriod(db, "2026-10")).toEqual(before.oct);
    // Each failed attempt is logged; the stored rows are not touched.
    expect(await tableCounts(db)).toEqual({ ...before.counts, logs: before.counts.logs + 2 });
  });
});

describe("a store that fails after the cost rows", () => {
  it("fails the period with the store's reason, keeps the old rows, and the next ingest is whole", async () => {
    // The rollup starts in DuckDB when the last cost row has left; the store then fails on the
    // adjustments, with that DuckDB work under way. The next period uses the same connection, and
    // a later ingest must still be right to the cent.
    const gen = await generateCurExport({ ...small, root: tempDir() });
    const { db } = await sqliteFileDb();
    await ingestCur(deps(db), gen.exportDir);
    const before = { oct: await storedPeriod(db, "2026-10"), counts: await tableCounts(db) };
    await sql`CREATE TRIGGER refuse BEFORE INSERT ON cost_adjustment BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`.execute(
      db,
    );
    const failed = await ingestCur(deps(db), gen.exportDir, { force: true });
    expect(failed.periods.map((p) => [p.period, p.status, p.error])).toEqual([
      ["2026-10", "failed", "refused by the test"],
      ["2026-11", "failed", "refused by the test"],
    ]);
    expect(await storedPeriod(db, "2026-10")).toEqual(before.oct);
    expect((await tableCounts(db)).cost).toBe(before.counts.cost);
    await sql`DROP TRIGGER refuse`.execute(db);
    const again = await ingestCur(deps(db), gen.exportDir, { force: true });
    expect(again.periods.map((p) => p.status)).toEqual(["ok", "ok"]);
    for (const t of Object.values(gen.truth.periods)) expect(await periodProblems(db, t)).toEqual([]);
  });
});

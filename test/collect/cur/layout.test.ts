import { describe, expect, it } from "vitest";
import { manifestDataKeys, manifestKeys, planPeriods } from "../../../src/collect/cur/layout.js";
import type { CurFile } from "../../../src/collect/cur/source.js";

const f = (key: string, mtime = "2026-11-01T00:00:00.000Z", size = 100): CurFile => ({ key, size, mtime });

describe("planPeriods", () => {
  const files = [
    f("data/BILLING_PERIOD=2026-10/x-00001.snappy.parquet"),
    f("data/BILLING_PERIOD=2026-10/x-00002.snappy.parquet"),
    f("data/BILLING_PERIOD=2026-11/20261104T060000Z-aaaa/x-00001.csv.gz"),
    f("data/BILLING_PERIOD=2026-11/20261105T060000Z-bbbb/x-00001.csv.gz"),
    f("data/BILLING_PERIOD=2026-11/20261105T060000Z-bbbb/x-00002.csv.gz"),
    f("metadata/BILLING_PERIOD=2026-10/x-Manifest.json"),
    f("metadata/BILLING_PERIOD=2026-11/x-Manifest.json"),
    f("data/BILLING_PERIOD=2026-11/notes.json"),
  ];

  it("lists data files per period, newest execution only, never metadata or stray JSON", () => {
    const plans = planPeriods(files, new Map());
    expect(plans.map((p) => [p.period, p.execution, p.files.map((x) => x.key.split("/").pop())])).toEqual([
      ["2026-10", null, ["x-00001.snappy.parquet", "x-00002.snappy.parquet"]],
      ["2026-11", "20261105T060000Z-bbbb", ["x-00001.csv.gz", "x-00002.csv.gz"]],
    ]);
    expect(plans[1].files.every((x) => x.format === "csv")).toBe(true);
    expect([...manifestKeys(files).keys()]).toEqual(["2026-10", "2026-11"]);
  });

  it("prefers the manifest's file list, wherever in the JSON it sits, and falls back when it names missing files", () => {
    const manifests = new Map<string, unknown>([
      ["2026-10", { whatever: { files: ["s3://b/p/x/data/BILLING_PERIOD=2026-10/x-00001.snappy.parquet"] } }],
      ["2026-11", { dataFiles: ["data/BILLING_PERIOD=2026-11/20261105T060000Z-bbbb/x-00009.csv.gz"] }],
    ]);
    const [oct, nov] = planPeriods(files, manifests);
    expect(oct.files.map((x) => x.key)).toEqual(["data/BILLING_PERIOD=2026-10/x-00001.snappy.parquet"]);
    expect(oct.manifest).toBe("metadata/BILLING_PERIOD=2026-10");
    expect(nov.manifest).toBeNull();
    expect(nov.files).toHaveLength(2);
    expect(nov.warnings[0]).toMatch(/manifest names 1 missing file/);
    expect(manifestDataKeys({ a: [1, null, "data/BILLING_PERIOD=2026-11/y.txt"] })).toEqual([]);
  });
});

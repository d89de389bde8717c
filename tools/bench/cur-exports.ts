import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { generateCurExport } from "../../src/synthetic/cur-generator.js";

/**
 * The CUR exports the ingest benches read, generated once into .bench/ and reused (generating
 * 8M lines takes minutes). `demo` cardinality: the demo org's lines split hourly, few daily keys;
 * `high`: every Bedrock line carries a principal, resource id and tags (lines ≈ daily keys).
 */
export interface ExportSpec {
  name: string;
  lines: number;
  cardinality: "demo" | "high";
  months: number;
}

export interface BenchExport {
  exportDir: string;
  lines: number;
  bedrockLines: number;
}

export const NOW = new Date("2026-11-30T12:00:00Z");

export const EXPORTS = {
  low2m: { name: "cur-2m", lines: 2_000_000, cardinality: "demo", months: 1 },
  high2m: { name: "cur-hc-2m", lines: 2_000_000, cardinality: "high", months: 1 },
  high8m: { name: "cur-hc-8m", lines: 8_000_000, cardinality: "high", months: 1 },
  /** 13 months like the 2M high-cardinality export, for the spend and MCP benches. */
  high13: { name: "cur-hc-13m", lines: 13 * 2_000_000, cardinality: "high", months: 13 },
} satisfies Record<string, ExportSpec>;

export async function ensureExport(spec: ExportSpec): Promise<BenchExport> {
  const dir = resolve(".bench", spec.name);
  const marker = join(dir, "truth.json");
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, "utf8"));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const gen = await generateCurExport({
    root: dir,
    now: NOW,
    months: spec.months,
    scale: spec.lines,
    cardinality: spec.cardinality,
    rowsPerChunk: 500_000,
  });
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  console.error(`generated ${spec.name}: ${gen.truth.lines} lines in ${s} s`);
  const out = { exportDir: gen.exportDir, lines: gen.truth.lines, bedrockLines: gen.truth.bedrockLines };
  writeFileSync(marker, JSON.stringify(out));
  return out;
}

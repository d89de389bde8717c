import { mkdirSync, writeFileSync } from "node:fs";
import { alignedTable } from "../src/util/table.js";
import { benches } from "./bench/index.js";
import type { BenchResult } from "./bench/types.js";

/** `npm run bench [-- name…]`: runs benchmarks (never part of the test suite) and prints a table. */
const wanted = process.argv.slice(2);
const selected = wanted.length ? benches.filter((b) => wanted.includes(b.name)) : benches;
if (wanted.length && selected.length !== wanted.length) {
  console.error(`unknown bench; available: ${benches.map((b) => b.name).join(", ")}`);
  process.exit(2);
}

const results: BenchResult[] = [];
for (const bench of selected) {
  console.error(`bench ${bench.name} …`);
  results.push(...(await bench.run()));
}
console.log(
  alignedTable(
    ["bench", "metric", "value", "unit", "target", "pass"],
    results.map((r) => [
      r.bench,
      r.metric,
      Number(r.value.toPrecision(4)),
      r.unit,
      r.target ?? "",
      r.pass === undefined ? "" : r.pass ? "yes" : "NO",
    ]),
  ),
);
mkdirSync(".bench", { recursive: true });
writeFileSync(".bench/results.json", `${JSON.stringify(results, null, 2)}\n`);

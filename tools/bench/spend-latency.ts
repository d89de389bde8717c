import { getSpendByModel } from "../../src/capabilities/get-spend-by-model.js";
import { parseConfig } from "../../src/config.js";
import type { Db } from "../../src/store/db.js";
import { silentLogger } from "../../src/util/log.js";
import type { BenchResult } from "./types.js";

/** get_spend_by_model's run() (what MCP, Slack and the CLI call) timed per question. */
export interface SpendQuestion {
  name: string;
  input: Record<string, unknown>;
  /** p95 target in ms (wall). */
  target: number;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export async function spendLatencies(
  bench: string,
  db: Db,
  now: string,
  questions: SpendQuestion[],
  runs: number,
): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const deps = { db, config: parseConfig({}), now: () => new Date(now), log: silentLogger };
  for (const q of questions) {
    const input = getSpendByModel.inputSchema.parse(q.input);
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const start = performance.now();
      const cpu0 = process.cpuUsage();
      await getSpendByModel.run(deps, input);
      if (i < 2) continue; // two warm-up runs
      wall.push(performance.now() - start);
      const used = process.cpuUsage(cpu0);
      cpu.push((used.user + used.system) / 1000);
    }
    wall.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const p95 = pct(wall, 95);
    out.push({ bench, metric: `${q.name} p50`, value: pct(wall, 50), unit: "ms" });
    out.push({
      bench,
      metric: `${q.name} p95`,
      value: p95,
      unit: "ms",
      target: `< ${q.target}`,
      pass: p95 < q.target,
    });
    // CPU time: what the query costs when the machine is shared and wall time is noisy.
    out.push({ bench, metric: `${q.name} cpu p95`, value: pct(cpu, 95), unit: "ms" });
  }
  return out;
}

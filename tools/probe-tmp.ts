import { registry } from "../src/capabilities/index.js";
import { openDb } from "../src/store/db.js";
import { demoConfig } from "../src/demo/config.js";
const db = await openDb("/tmp/mh/data/demo.db");
const deps = { db, config: demoConfig(), now: () => new Date("2026-11-26T12:00:00Z"), log: console as any };
let maxGap = 0; let last = performance.now();
const iv = setInterval(() => { const n = performance.now(); maxGap = Math.max(maxGap, n - last); last = n; }, 1);
for (const name of Object.keys(registry)) {
  const cap = (registry as any)[name];
  if (cap.openWorld) continue;
  for (let i = 0; i < 2; i++) {
    maxGap = 0; last = performance.now();
    const t = performance.now();
    try { await cap.run(deps, cap.inputSchema.parse({})); } catch (e) { console.log(name, "ERR", (e as Error).message); }
    console.log(name, Math.round(performance.now() - t), "ms; max loop block", Math.round(maxGap), "rss", Math.round(process.memoryUsage().rss/1e6));
  }
}
clearInterval(iv);
await db.destroy();

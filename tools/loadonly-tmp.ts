import { runLoad } from "./bench/mcp-load-run.js";
import { percentile } from "./bench/mcp-load-client.js";
const url = process.argv[2]; const pid = Number(process.argv[3]);
import { readFileSync } from "node:fs";
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
const fake = { url, child: { exitCode: null } as any, stderr: () => "", rssMb: rss, peakRssMb: rss, stop: async () => {} };
const r = await runLoad(fake as any, { clients: 200, seconds: Number(process.argv[4] ?? 20), tool: "detect_anomalies" });
const n = (o: string) => r.records.filter((x) => x.outcome === o).length;
console.log({ total: r.records.length, result: n("result"), tool_error: n("tool_error"), busy: n("busy"), transport: n("transport_error") + r.connectErrors, p95: percentile(r.records.map(x=>x.ms),95), max: Math.max(...r.records.map(x=>x.ms)), listP95: percentile(r.listMs,95), listMax: Math.max(...r.listMs), peak: r.peakRssMb });

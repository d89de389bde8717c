import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { registry } from "../src/capabilities/index.js";
import type { Deps } from "../src/capabilities/types.js";
import { demoConfig } from "../src/demo/config.js";
import { openDb } from "../src/store/db.js";
import { silentLogger } from "../src/util/log.js";
import { DETECT_ARGS } from "./bench/detect-args.js";

/**
 * `tsx tools/detect-snapshot.ts <demo.db> <out.json> [--check <before.json>]`: detect_anomalies
 * answers (structured output, JSON) for every argument set of DETECT_ARGS on a demo store, with
 * the demo config and the demo's pinned now. `--check` compares byte for byte with an earlier
 * snapshot and exits 1 naming the first argument set whose answer differs. An optimisation of
 * detection must leave every answer identical.
 */
const [dbPath, outPath, flag, beforePath] = process.argv.slice(2);
const now = process.env.BEDROCK_SPEND_NOW ?? "2026-11-26T12:00:00Z";
const db = await openDb(dbPath);
const deps: Deps = { db, config: demoConfig(), now: () => new Date(now), log: silentLogger };
const cap = registry.detect_anomalies;
const answers: { args: unknown; answer: unknown }[] = [];
for (const args of DETECT_ARGS) {
  const out = await cap.run(deps, cap.inputSchema.parse(args));
  answers.push({ args, answer: out });
}
await db.destroy();
const text = `${JSON.stringify(answers, null, 1)}\n`;
mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, text);
const digest = createHash("sha256").update(text).digest("hex").slice(0, 16);
console.error(`${answers.length} answers, sha256 ${digest}, ${text.length} bytes -> ${outPath}`);
if (flag === "--check") {
  const before = JSON.parse(readFileSync(beforePath, "utf8")) as typeof answers;
  let bad = 0;
  answers.forEach((a, i) => {
    if (JSON.stringify(a) !== JSON.stringify(before[i])) {
      bad++;
      console.error(`DIFFERS: ${JSON.stringify(a.args)}`);
    }
  });
  if (before.length !== answers.length) bad++;
  console.error(bad ? `${bad} answers differ` : "all answers identical");
  process.exit(bad ? 1 : 0);
}

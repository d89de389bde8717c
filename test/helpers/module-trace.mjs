// Preloaded with `node --import` in CLI tests: at exit, prints on stderr which heavy packages
// (AWS SDK clients, DuckDB, Bolt) the process loaded. They are CommonJS, so require.cache sees them
// even when imported from ESM.
import { createRequire } from "node:module";

const HEAVY = /node_modules\/(@aws-sdk\/client-[^/]+|@duckdb\/[^/]+|@slack\/bolt)\//;
const cache = createRequire(import.meta.url).cache;
process.on("exit", () => {
  const loaded = new Set();
  for (const file of Object.keys(cache)) {
    const m = file.match(HEAVY);
    if (m) loaded.add(m[1]);
  }
  process.stderr.write(`module-trace: ${[...loaded].sort().join(",")}\n`);
});

// Preload for CLI startup tests (`node --import <this>`): when the process exits, writes the npm
// packages loaded through the CommonJS loader (AWS SDK, DuckDB, Bolt, better-sqlite3, yaml…) as
// JSON to the file named by LOADED_PACKAGES_FILE.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const out = process.env.LOADED_PACKAGES_FILE;
if (out)
  process.on("exit", () => {
    const names = new Set();
    for (const path of Object.keys(require.cache)) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path.slice(path.lastIndexOf("node_modules/")));
      if (m) names.add(m[1]);
    }
    writeFileSync(out, JSON.stringify([...names].sort()));
  });

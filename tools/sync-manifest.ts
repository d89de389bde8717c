import { readFileSync, writeFileSync } from "node:fs";
import { capabilities } from "../src/capabilities/index.js";
import { withRegistryTools } from "../src/mcp/manifest.js";

/** `npm run manifest`: writes the registry's tools into manifest.json (`--check` only compares). */
const path = new URL("../manifest.json", import.meta.url);
const current = readFileSync(path, "utf8");
const next = `${JSON.stringify(withRegistryTools(JSON.parse(current), capabilities), null, 2)}\n`;
if (process.argv.includes("--check")) {
  if (JSON.stringify(JSON.parse(current)) !== JSON.stringify(JSON.parse(next))) {
    console.error("manifest.json tools differ from src/capabilities/index.ts: run `npm run manifest`");
    process.exit(1);
  }
} else if (current !== next) {
  writeFileSync(path, next);
  console.error(`manifest.json: ${capabilities.length} tools written`);
}

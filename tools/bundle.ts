import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * `npm run bundle`: packs the MCP server as an MCPB bundle (bedrock-spend.mcpb) with the
 * official packer. The bundle holds the built dist/, prompts/, the manifest and only the
 * production dependencies, copied from node_modules (no network, and native modules such as
 * better-sqlite3 keep the binaries built for this platform: pack on the OS you ship to).
 */
const root = fileURLToPath(new URL("../", import.meta.url));
const out = join(root, "bedrock-spend.mcpb");
const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { cwd: root, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });

if (!existsSync(join(root, "dist", "cli.js"))) {
  console.error("dist/cli.js is missing: run `npm run build` first (npm run bundle does)");
  process.exit(1);
}
run(process.execPath, ["--import", "tsx", "tools/sync-manifest.ts", "--check"]);

const stage = mkdtempSync(join(tmpdir(), "bedrock-spend-bundle-"));
for (const entry of ["manifest.json", "package.json", "dist", "prompts", "README.md", "LICENSE"]) {
  if (existsSync(join(root, entry))) cpSync(join(root, entry), join(stage, entry), { recursive: true });
}

// Every production package, hoisted or nested, at the same relative path under node_modules.
const nodeModules = join(root, "node_modules");
const packages = run("npm", ["ls", "--omit=dev", "--all", "--parseable"])
  .split("\n")
  .filter((p) => p.startsWith(nodeModules) && existsSync(p));
for (const dir of packages) {
  const dest = join(stage, "node_modules", relative(nodeModules, dir));
  if (existsSync(dest)) continue;
  cpSync(dir, dest, {
    recursive: true,
    dereference: true,
    // Nested node_modules are copied as packages of their own, only when they are production deps.
    filter: (src) => src === dir || !relative(dir, src).split("/").includes("node_modules"),
  });
}
console.error(`bundle: staged ${packages.length} production packages`);

try {
  execFileSync("npx", ["mcpb", "pack", stage, out], {
    cwd: root,
    stdio: ["ignore", process.stderr, "inherit"],
  });
} finally {
  rmSync(stage, { recursive: true, force: true });
}
console.error(`bundle: wrote ${relative(root, out)} (${(statSync(out).size / 1e6).toFixed(1)} MB)`);

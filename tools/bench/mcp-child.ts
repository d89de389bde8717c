import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_BUDGETS } from "../../src/demo/config.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * `bedrock-spend mcp --http --port 0` in its own process, as operators run it: the load bench and
 * the load and fuzz tests read its memory from /proc and must survive its death (a runaway call
 * would otherwise take the caller down with it). `heapMb` caps its V8 heap so a runaway fails fast.
 * `entry` "dist" runs the build (the bench), "src" runs the sources through tsx (tests).
 */
export interface McpChild {
  url: string;
  child: ChildProcess;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** Resident set size now, MB (Linux /proc). */
  rssMb(): number;
  /** Peak resident set size since start, MB. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

function procStatusMb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** A config with the demo budgets (so get_budget_status does real work), no AWS accounts, and `mcp` keys. */
export function writeBudgetConfig(dir: string, mcp: Record<string, unknown> = {}): string {
  const path = join(dir, "config.yaml");
  writeFileSync(path, JSON.stringify({ budgets: DEMO_BUDGETS, mcp }));
  return path;
}

function childEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !k.startsWith("BEDROCK_SPEND_") && k !== "NODE_OPTIONS") env[k] = v;
  return { ...env, ...extra };
}

export async function startMcpChild(o: {
  dbPath: string;
  configPath?: string;
  now: string;
  heapMb?: number;
  entry?: "dist" | "src";
  env?: Record<string, string>;
}): Promise<McpChild> {
  const env = childEnv({
    BEDROCK_SPEND_DB: o.dbPath,
    BEDROCK_SPEND_NOW: o.now,
    BEDROCK_SPEND_LOG: "info",
    ...(o.configPath ? { BEDROCK_SPEND_CONFIG: o.configPath } : {}),
    ...o.env,
  });
  const entry = o.entry === "dist" ? [join(ROOT, "dist", "cli.js")] : ["--import", "tsx", "src/cli.ts"];
  const args = [`--max-old-space-size=${o.heapMb ?? 512}`, ...entry, "mcp", "--http", "--port", "0"];
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
  let seen = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mcp did not start within 60 s: ${seen}`)), 60_000);
    child.stderr?.on("data", (c: Buffer) => {
      seen += c.toString();
      const m = /MCP listening on (http:\/\/\S+\/mcp)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once("close", (code) => reject(new Error(`mcp exited (${code}) before listening: ${seen}`)));
  });
  const pid = child.pid ?? 0;
  return {
    url,
    child,
    stderr: () => seen,
    rssMb: () => procStatusMb(pid, "VmRSS"),
    peakRssMb: () => procStatusMb(pid, "VmHWM"),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("close", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

import type { ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEMO_BUDGETS } from "../../src/demo/config.js";
import { cliEnv, spawnCli, waitForStderr } from "../helpers/cli.js";

/**
 * `bedrock-spend mcp --http --port 0` in its own process, as operators run it: the load and fuzz
 * tests measure its memory and must survive its death (a runaway call would otherwise take the
 * test worker down with it). `heapMb` caps its V8 heap so a runaway fails fast and small.
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

/** A config with the demo budgets (so get_budget_status does real work) and no AWS accounts. */
export function writeBudgetConfig(dir: string): string {
  const path = join(dir, "config.yaml");
  writeFileSync(path, JSON.stringify({ budgets: DEMO_BUDGETS }));
  return path;
}

export async function startMcpChild(o: {
  dbPath: string;
  configPath?: string;
  now: string;
  heapMb?: number;
  env?: Record<string, string>;
}): Promise<McpChild> {
  const env = cliEnv({
    BEDROCK_SPEND_DB: o.dbPath,
    BEDROCK_SPEND_NOW: o.now,
    BEDROCK_SPEND_LOG: "warn",
    ...(o.configPath ? { BEDROCK_SPEND_CONFIG: o.configPath } : {}),
    NODE_OPTIONS: `--max-old-space-size=${o.heapMb ?? 512}`,
    ...o.env,
  });
  env.BEDROCK_SPEND_LOG = o.env?.BEDROCK_SPEND_LOG ?? "info";
  const child = spawnCli(["mcp", "--http", "--port", "0"], env);
  let seen = "";
  child.stderr?.on("data", (c: Buffer) => {
    seen += c.toString();
  });
  const m = await waitForStderr(child, /MCP listening on (http:\/\/\S+\/mcp)/, 60_000);
  const pid = child.pid ?? 0;
  return {
    url: m[1],
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

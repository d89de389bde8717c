import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Runs the CLI from source through tsx: no build step needed in tests. */
export const CLI_ARGS = ["--import", "tsx", "src/cli.ts"];

export function cliEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith("BEDROCK_SPEND_")) env[k] = v;
  }
  return { ...env, ...extra };
}

export function spawnCli(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [...CLI_ARGS, ...args], { cwd: REPO_ROOT, env, stdio: "pipe" });
}

/** Waits for the process to exit; returns its code and everything it wrote. */
export function finished(
  child: ChildProcess,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  // Decode as a stream: a multi-byte character (─, …) split across two chunks stays whole.
  child.stdout?.setEncoding("utf8");
  child.stderr?.setEncoding("utf8");
  child.stdout?.on("data", (c: string) => {
    stdout += c;
  });
  child.stderr?.on("data", (c: string) => {
    stderr += c;
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

/** Resolves with the first stderr match of `re` (e.g. the bound URL). */
export function waitForStderr(
  child: ChildProcess,
  re: RegExp,
  timeoutMs = 20_000,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${re} on stderr; saw: ${seen}`)),
      timeoutMs,
    );
    child.stderr?.on("data", (c: Buffer | string) => {
      seen += c.toString();
      const m = seen.match(re);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.on("close", () => reject(new Error(`process exited before ${re}; stderr: ${seen}`)));
  });
}

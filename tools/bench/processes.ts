import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { execPath } from "node:process";

/** One whole process, measured by /usr/bin/time -v: wall, CPU of all threads, peak RSS. */
export interface ProcessRun {
  seconds: number;
  cpuSeconds: number;
  rssMb: number;
  stdout: string;
}

export function timedProcess(args: string[], env: NodeJS.ProcessEnv = {}): ProcessRun {
  const t0 = performance.now();
  const r = spawnSync("/usr/bin/time", ["-v", execPath, ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const field = (label: string) =>
    Number(new RegExp(`${label}: ([\\d.]+)`).exec(r.stderr)?.[1] ?? Number.NaN);
  return {
    seconds,
    cpuSeconds: field("User time \\(seconds\\)") + field("System time \\(seconds\\)"),
    rssMb: field("Maximum resident set size \\(kbytes\\)") / 1024,
    stdout: r.stdout,
  };
}

/** The machine's 1-minute load average, to print beside wall times on a shared machine. */
export function loadAverage(): number {
  return loadavg()[0];
}

/** Wall and CPU time (all threads: DuckDB scans in parallel) per phase, for the debug log. */
export function phaseTimer() {
  let wall = performance.now();
  let cpu = process.cpuUsage();
  const parts: string[] = [];
  return {
    mark(name: string, note = ""): void {
      const used = process.cpuUsage(cpu);
      const now = performance.now();
      parts.push(
        `${name} ${Math.round(now - wall)} ms (cpu ${Math.round((used.user + used.system) / 1000)} ms)${note}`,
      );
      wall = now;
      cpu = process.cpuUsage();
    },
    toString: () => parts.join(", "),
  };
}

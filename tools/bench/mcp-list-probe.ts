/**
 * `node --import tsx mcp-list-probe.ts <url> <everyMs>`: times a raw tools/list POST every
 * `everyMs` until its stdin closes, then prints the latencies (ms; null = failed) as JSON. It runs
 * in its own process so the figure is the server's, not the queue of a load generator's busy
 * event loop.
 */
const [url, every] = process.argv.slice(2);
const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} });
const samples: (number | null)[] = [];
let running = true;
process.stdin.on("end", () => {
  running = false;
});
process.stdin.resume();
while (running) {
  const t0 = performance.now();
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body,
      signal: AbortSignal.timeout(30_000),
    });
    await res.text();
    samples.push(res.ok ? performance.now() - t0 : null);
  } catch {
    samples.push(null);
  }
  await new Promise((r) => setTimeout(r, Number(every)));
}
process.stdout.write(JSON.stringify(samples));

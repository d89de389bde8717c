import type { Running, ServeComponent, ServeContext } from "./types.js";

/**
 * Starts the enabled components, waits for `until` (SIGINT/SIGTERM in the CLI), then stops them in
 * reverse order, each waiting for its in-flight work, so the process exits with nothing half-written.
 */
export async function runServe(
  components: ServeComponent[],
  ctx: ServeContext,
  until: Promise<unknown>,
): Promise<string[]> {
  const started: { name: string; running: Running }[] = [];
  try {
    for (const c of components) {
      if (!c.enabled(ctx)) {
        const why = c.disabledReason?.(ctx);
        if (why) ctx.deps.log.info(`serve: ${c.name} skipped: ${why}`);
        continue;
      }
      started.push({ name: c.name, running: await c.start(ctx) });
      ctx.deps.log.info(`serve: ${c.name} started`);
    }
    if (started.length === 0) ctx.deps.log.warn("serve: nothing to run for this config");
    else await until;
  } finally {
    for (const { name, running } of [...started].reverse()) {
      await running.stop();
      ctx.deps.log.info(`serve: ${name} stopped`);
    }
  }
  return started.map((s) => s.name);
}

/** Resolves on the first SIGINT or SIGTERM. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals) => {
      process.off("SIGINT", on);
      process.off("SIGTERM", on);
      resolve(sig);
    };
    process.on("SIGINT", on);
    process.on("SIGTERM", on);
  });
}

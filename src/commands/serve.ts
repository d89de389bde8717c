import type { Command } from "commander";
import type { CliContext } from "../cli/context.js";
import { UsageError } from "../errors.js";
import { runServe, untilSignal } from "../serve/run.js";

function portOf(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`--ops-port: "${value}" is not a port (0–65535; 0 picks a free one)`);
  return n;
}

export function registerServe(program: Command, ctx: CliContext): void {
  program
    .command("serve")
    .description(
      "run the scheduler (collection on collect.schedule), the MCP HTTP server and the Slack app (when its env is set), with /healthz, /readyz and /metrics, until SIGINT/SIGTERM",
    )
    .option("--ops-port <port>", "serve /healthz, /readyz and /metrics on this port (default: the MCP port)")
    .addHelpText(
      "after",
      "\nMCP: config mcp.host/mcp.port, env BEDROCK_SPEND_MCP_TOKEN (also guards /metrics).\n" +
        "Slack: env SLACK_BOT_TOKEN + SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP on slack.port).\n" +
        "Health: /healthz (alive), /readyz (store reachable, collection within serve.maxCollectionAgeMinutes).",
    )
    .action(async (opts: { opsPort?: string }) => {
      // Components (collectors, AWS SDK, MCP, Bolt, prom-client) load only for this command.
      const [{ serveComponents }, { createOps }] = await Promise.all([
        import("../serve/components.js"),
        import("../serve/ops-component.js"),
      ]);
      const deps = await ctx.deps();
      const aws = await ctx.aws(); // closed by ctx.close() once serve returns
      ctx.log.info(`serve: store ${ctx.storeLabel}`);
      const { leaseExclusive } = await import("../serve/lease.js");
      const exclusive = leaseExclusive(deps.db, {
        ttlMs: deps.config.serve.leaseSeconds * 1000,
        log: ctx.log,
      });
      const base = { deps: { ...deps, aws }, env: ctx.env, exclusive };
      const opsPort = opts.opsPort !== undefined ? portOf(opts.opsPort) : deps.config.serve.opsPort;
      const ops = createOps(base, opsPort);
      const sig = untilSignal().then((s) =>
        ctx.log.info(`serve: ${s}: finishing running work, then exiting`),
      );
      try {
        await runServe(serveComponents, { ...base, ops }, sig);
      } finally {
        ops.close();
      }
    });
}

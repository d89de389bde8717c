import type { Command } from "commander";
import { capabilities } from "../capabilities/index.js";
import { type CliContext, needsAws } from "../cli/context.js";
import { UsageError } from "../errors.js";

interface McpOptions {
  http?: boolean;
  port?: string;
  host?: string;
}

function parsePort(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65535)
    throw new UsageError(`--port "${v}": expected 0-65535 (0 picks a free port)`);
  return n;
}

/** Resolves on the first SIGINT/SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals) => {
      process.off("SIGINT", on);
      process.off("SIGTERM", on);
      resolve(sig);
    };
    process.once("SIGINT", on);
    process.once("SIGTERM", on);
  });
}

async function serveHttp(ctx: CliContext, opts: McpOptions): Promise<void> {
  const config = ctx.config();
  const { startMcpHttp } = await import("../mcp/http.js");
  const handle = await startMcpHttp(await ctx.deps({ aws: needsAws(capabilities) }), {
    host: opts.host ?? config.mcp.host,
    port: opts.port === undefined ? config.mcp.port : parsePort(opts.port),
    token: ctx.env.BEDROCK_SPEND_MCP_TOKEN,
    allowedHosts: config.mcp.allowedHosts,
    allowedOrigins: config.mcp.allowedOrigins,
  });
  ctx.log.info(`bedrock-spend MCP listening on ${handle.url}`);
  const sig = await untilSignal();
  ctx.log.info(`mcp: ${sig} received, shutting down`);
  await handle.close();
}

export function registerMcp(program: Command, ctx: CliContext): void {
  program
    .command("mcp")
    .description("serve the MCP tools: stdio by default, Streamable HTTP on /mcp with --http")
    .option("--http", "serve Streamable HTTP instead of stdio")
    .option("--port <n>", "HTTP port (default config mcp.port, 3917; 0 picks a free port)")
    .option("--host <h>", "HTTP bind address (default config mcp.host, 127.0.0.1)")
    .addHelpText(
      "after",
      "\nEnv BEDROCK_SPEND_MCP_TOKEN: bearer token required on every HTTP request when set;\n" +
        "mandatory when --host is not a loopback address.",
    )
    .action(async (opts: McpOptions) => {
      if (!opts.http && (opts.port !== undefined || opts.host !== undefined)) {
        throw new UsageError("--port and --host need --http (stdio is the default transport)");
      }
      if (opts.http) await serveHttp(ctx, opts);
      else
        await (await import("../mcp/stdio.js")).runMcpStdio(await ctx.deps({ aws: needsAws(capabilities) }));
    });
}

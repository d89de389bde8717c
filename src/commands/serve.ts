import type { Command } from "commander";
import type { CliContext } from "../cli/context.js";
import { runServe, untilSignal } from "../serve/run.js";

export function registerServe(program: Command, ctx: CliContext): void {
  program
    .command("serve")
    .description(
      "run the scheduler (collection on collect.schedule), the MCP HTTP server and the Slack app (when its env is set), until SIGINT/SIGTERM",
    )
    .addHelpText(
      "after",
      "\nMCP: config mcp.host/mcp.port, env BEDROCK_SPEND_MCP_TOKEN.\n" +
        "Slack: env SLACK_BOT_TOKEN + SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP on slack.port).",
    )
    .action(async () => {
      // Components (collectors, AWS SDK, MCP, Bolt) load only for this command.
      const { serveComponents } = await import("../serve/components.js");
      const deps = await ctx.deps();
      const aws = await ctx.aws(); // closed by ctx.close() once serve returns
      const sig = untilSignal().then((s) =>
        ctx.log.info(`serve: ${s}: finishing running work, then exiting`),
      );
      await runServe(serveComponents, { deps: { ...deps, aws }, env: ctx.env }, sig);
    });
}

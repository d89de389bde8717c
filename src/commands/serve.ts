import type { Command } from "commander";
import { createAwsAccess } from "../aws/access.js";
import type { CliContext } from "../cli/context.js";
import { serveComponents } from "../serve/components.js";
import { runServe, untilSignal } from "../serve/run.js";

export function registerServe(program: Command, ctx: CliContext): void {
  program
    .command("serve")
    .description(
      "run the scheduler (collection on collect.schedule) and the servers registered for serve, until SIGINT/SIGTERM",
    )
    .action(async () => {
      const deps = await ctx.deps();
      const aws = createAwsAccess({ env: ctx.env, log: ctx.log });
      try {
        const sig = untilSignal().then((s) =>
          ctx.log.info(`serve: ${s}: finishing running work, then exiting`),
        );
        await runServe(serveComponents, { deps: { ...deps, aws }, env: ctx.env }, sig);
      } finally {
        aws.close();
      }
    });
}

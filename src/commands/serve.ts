import type { Command } from "commander";
import type { CliContext } from "../cli/context.js";

export function registerServe(program: Command, ctx: CliContext): void {
  program
    .command("serve")
    .description(
      "run the scheduler (collection on collect.schedule) and the servers registered for serve, until SIGINT/SIGTERM",
    )
    .action(async () => {
      const [{ createAwsAccess }, { serveComponents }, { runServe, untilSignal }] = await Promise.all([
        import("../aws/access.js"),
        import("../serve/components.js"),
        import("../serve/run.js"),
      ]);
      const deps = await ctx.deps({ aws: true });
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

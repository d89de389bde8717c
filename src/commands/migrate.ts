import type { Command } from "commander";
import type { CliContext } from "../cli/context.js";

export function registerMigrate(program: Command, ctx: CliContext): void {
  program
    .command("migrate")
    .description(
      "apply the store's pending schema migrations, once, before starting upgraded `serve` replicas (concurrent runs wait for each other)",
    )
    .action(async () => {
      const { applied, latest } = await ctx.migrate();
      process.stdout.write(
        applied.length > 0
          ? `migrated ${ctx.storeLabel}: applied ${applied.join(", ")}\n`
          : `${ctx.storeLabel} is up to date (${latest})\n`,
      );
    });
}

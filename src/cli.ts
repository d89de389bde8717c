#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { CliContext, type GlobalOptions } from "./cli/context.js";
import { registrarsFor } from "./commands/index.js";
import { errorMessage, UsageError } from "./errors.js";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

/** Exit codes (docs/architecture.md §6): 0 ok, 1 failure, 2 bad usage/config, 3 partial success. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command("bedrock-spend")
    .description("What your team spends on Amazon Bedrock, who spends it, and when something goes wrong")
    .version(pkg.version)
    .option("--db <file>", "SQLite store (env BEDROCK_SPEND_DB, default ./data/bedrock-spend.db)")
    .option("--config <file>", "config YAML (env BEDROCK_SPEND_CONFIG, default ./bedrock-spend.config.yaml)")
    .showHelpAfterError()
    .exitOverride();
  const ctx = new CliContext(() => program.opts<GlobalOptions>());
  // Actions import their heavy modules themselves; the shared ones load here, after parsing.
  program.hook("preAction", () => ctx.prepare());
  for (const register of await registrarsFor(argv.slice(2))) register(program, ctx);
  program.commands.forEach(function override(c: Command) {
    c.exitOverride();
    c.commands.forEach(override);
  });

  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return 0;
      return 2;
    }
    process.stderr.write(`bedrock-spend: ${errorMessage(err)}\n`);
    if (process.env.BEDROCK_SPEND_LOG === "debug" && err instanceof Error)
      process.stderr.write(`${err.stack}\n`);
    return err instanceof UsageError ? 2 : 1;
  } finally {
    await ctx.close();
  }
}

main(process.argv).then((code) => {
  process.exitCode = code;
});

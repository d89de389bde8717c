import type { Command } from "commander";
import type { CliContext } from "../cli/context.js";

export type Registrar = (program: Command, ctx: CliContext) => void;

/**
 * Every top-level command, in `--help` order, with the module that registers it. Modules load
 * only when needed (see registrarsFor): loading all of them (the capabilities, the MCP SDK,
 * Bolt's types, onboarding) costs ~0.2–0.4 s that `ingest-cur` or `collect` never use.
 * Add new commands here.
 */
export const COMMANDS: readonly { name: string; load: () => Promise<Registrar> }[] = [
  { name: "report", load: async () => (await import("../cli/report.js")).registerReport },
  { name: "mcp", load: async () => (await import("./mcp.js")).registerMcp },
  { name: "slack", load: async () => (await import("./slack.js")).registerSlack },
  { name: "ingest-cur", load: async () => (await import("./ingest-cur.js")).register },
  { name: "collect", load: async () => (await import("./collect.js")).registerCollect },
  { name: "serve", load: async () => (await import("./serve.js")).registerServe },
  { name: "migrate", load: async () => (await import("./migrate.js")).registerMigrate },
  { name: "prices", load: async () => (await import("./prices.js")).register },
  { name: "sandbox", load: async () => (await import("./sandbox.js")).registerSandbox },
  { name: "cfn-template", load: async () => (await import("./cfn-template.js")).registerCfnTemplate },
  { name: "doctor", load: async () => (await import("./doctor.js")).registerDoctor },
  { name: "init", load: async () => (await import("./init.js")).registerInit },
  { name: "demo", load: async () => (await import("./demo.js")).registerDemo },
];

/** Global options that take a value (`--db FILE`): their value is not the command name. */
const VALUE_OPTIONS = new Set(["--db", "--config"]);

/** The command word of `args` (the arguments after the script): the first operand. */
export function commandWord(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (VALUE_OPTIONS.has(a)) i++;
    else if (!a.startsWith("-")) return a;
  }
  return undefined;
}

/**
 * The registrars `args` needs: only the named command's when it names one, else every command
 * (help, a typo that commander should answer with the full list); none for a bare `--version`.
 */
export async function registrarsFor(args: readonly string[]): Promise<Registrar[]> {
  const word = commandWord(args);
  if (word === undefined && args.some((a) => a === "--version" || a === "-V")) return [];
  const named = COMMANDS.find((c) => c.name === word);
  return Promise.all((named ? [named] : COMMANDS).map((c) => c.load()));
}

import type { Command } from "commander";
import type { CliContext } from "../cli/context.js";
import { registerReport } from "../cli/report.js";
import { register as registerPrices } from "./prices.js";
import { registerSandbox } from "./sandbox.js";

/** Each command module exports `register(program, ctx)`; add new ones to this list. */
export const commandRegistrars: ((program: Command, ctx: CliContext) => void)[] = [
  registerReport,
  registerPrices,
  registerSandbox,
];

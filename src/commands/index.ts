import type { Command } from "commander";
import type { CliContext } from "../cli/context.js";
import { registerReport } from "../cli/report.js";
import { registerCfnTemplate } from "./cfn-template.js";
import { registerCollect } from "./collect.js";
import { registerDemo } from "./demo.js";
import { registerDoctor } from "./doctor.js";
import { register as registerIngestCur } from "./ingest-cur.js";
import { registerInit } from "./init.js";
import { registerMcp } from "./mcp.js";
import { registerMigrate } from "./migrate.js";
import { register as registerPrices } from "./prices.js";
import { registerSandbox } from "./sandbox.js";
import { registerServe } from "./serve.js";
import { registerSlack } from "./slack.js";

/** Each command module exports `register(program, ctx)`; add new ones to this list. */
export const commandRegistrars: ((program: Command, ctx: CliContext) => void)[] = [
  registerReport,
  registerMcp,
  registerSlack,
  registerIngestCur,
  registerCollect,
  registerServe,
  registerMigrate,
  registerPrices,
  registerSandbox,
  registerCfnTemplate,
  registerDoctor,
  registerInit,
  registerDemo,
];

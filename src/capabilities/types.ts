import type { z } from "zod";
import type { AwsAccess } from "../aws/access.js";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { Db } from "../store/db.js";
import type { Logger } from "../util/log.js";

/** What every capability may use. Surfaces build it once and pass it in; nothing is global. */
export interface Deps {
  db: Db;
  config: Config;
  now: Clock;
  log: Logger;
  /** Live AWS access (read-only clients per account/region); absent when AWS is not configured. */
  aws?: AwsAccess;
}

export type AnyObjectSchema = z.ZodObject<z.ZodRawShape>;

/**
 * One question, answered once. MCP registers it as a tool, Slack parses text into its input
 * schema, the CLI mirrors it as `bedrock-spend report <report.name>`.
 */
export interface Capability<
  I extends AnyObjectSchema = AnyObjectSchema,
  O extends AnyObjectSchema = AnyObjectSchema,
  N extends string = string,
> {
  /** MCP tool name: verb-first snake_case; the registry key (src/capabilities/index.ts). */
  name: N;
  title: string;
  /** What it answers, units and defaults: this text reaches the model. */
  description: string;
  inputSchema: I;
  outputSchema: O;
  /** True when the tool calls AWS live (MCP openWorldHint). */
  openWorld: boolean;
  run(deps: Deps, input: z.output<I>): Promise<z.output<O>>;
  /** One summary line for people and models. */
  summarize(out: z.output<O>): string;
  /** The rows shown as a table/CSV: headers and cells (already formatted for display). */
  table(out: z.output<O>): { headers: string[]; rows: (string | number | null)[][] };
  /** Several titled tables for the terminal instead of `table` (empty ones are not printed). */
  sections?(out: z.output<O>): TableSection[];
  /** The array in the output that `--csv` prints. */
  rowsKey: string;
  /** CLI mirror: `bedrock-spend report <name>`. */
  report: string;
}

/**
 * An output's `notes` (what could not be answered and why), for the text views: the terminal and
 * the MCP text block show them under the summary, where a reader cannot miss them.
 */
export function outputNotes(out: unknown): string[] {
  const notes = (out as { notes?: unknown } | null)?.notes;
  return Array.isArray(notes) ? notes.filter((n): n is string => typeof n === "string") : [];
}

export interface TableSection {
  title: string;
  headers: string[];
  rows: (string | number | null)[][];
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds capabilities of every schema pair
export type AnyCapability = Capability<any, any, string>;

export function defineCapability<
  I extends AnyObjectSchema,
  O extends AnyObjectSchema,
  const N extends string,
>(c: Capability<I, O, N>): Capability<I, O, N> {
  return c;
}

import type { ToolName, ToolOutput, ToolSet } from "../capabilities/index.js";
import type { AnyCapability } from "../capabilities/types.js";
import { formatZodIssue } from "../config.js";
import { UsageError } from "../errors.js";
import type { SlackDeps } from "./types.js";

/** A tool set from a list of capabilities, keyed by their tool names. */
export function toolSetOf(caps: readonly AnyCapability[]): ToolSet {
  return Object.fromEntries(caps.map((c) => [c.name, c])) as ToolSet;
}

export function hasTool(deps: Pick<SlackDeps, "capabilities">, name: ToolName): boolean {
  return deps.capabilities[name] !== undefined;
}

/**
 * Runs a tool by name: the raw input (parsed from Slack text) is validated with the tool's OWN
 * input schema (bad input → UsageError naming the field); the output is the tool's real output
 * type. Returns null when this build has no such tool.
 */
export async function runTool<N extends ToolName>(
  deps: SlackDeps,
  name: N,
  raw: Record<string, unknown>,
): Promise<ToolOutput<N> | null> {
  const cap = deps.capabilities[name] as AnyCapability | undefined;
  if (!cap) return null;
  const input = cap.inputSchema.safeParse(raw);
  if (!input.success) throw new UsageError(formatZodIssue(name, input.error.issues[0]));
  return (await cap.run(deps, input.data)) as ToolOutput<N>;
}

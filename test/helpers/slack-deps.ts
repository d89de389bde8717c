import { z } from "zod";
import { registry, type ToolName, type ToolOutput } from "../../src/capabilities/index.js";
import { type AnyCapability, defineCapability } from "../../src/capabilities/types.js";
import { parseConfig } from "../../src/config.js";
import { toolSetOf } from "../../src/slack/capability.js";
import { storeFreshness } from "../../src/slack/freshness.js";
import type { SlackDeps } from "../../src/slack/types.js";
import type { Db } from "../../src/store/db.js";
import { silentLogger } from "../../src/util/log.js";

export const NOW = new Date("2026-11-26T12:00:00Z");

export function slackDeps(
  db: Db,
  o: { capabilities?: AnyCapability[]; config?: unknown; now?: Date } = {},
): SlackDeps {
  const at = o.now ?? NOW;
  return {
    db,
    config: parseConfig(o.config ?? { slack: { channel: "#bedrock-spend" } }),
    now: () => new Date(at.getTime()),
    log: silentLogger,
    capabilities: toolSetOf(o.capabilities ?? []),
    freshness: storeFreshness,
  };
}

/**
 * A capability from another branch, reduced to its docs/architecture.md §6 contract: it answers with the given
 * output and records the inputs it was asked, so tests can check what Slack asked for. Used only
 * for capabilities not yet merged on this branch.
 */
export function contractCapability(
  name: string,
  answer: (input: Record<string, unknown>) => Record<string, unknown>,
) {
  const inputs: Record<string, unknown>[] = [];
  const cap = defineCapability({
    name,
    title: name,
    description: `contract fixture for ${name}`,
    inputSchema: z.looseObject({}),
    outputSchema: z.looseObject({}),
    openWorld: false,
    async run(_deps, input) {
      inputs.push(input);
      return answer(input);
    },
    summarize: () => name,
    table: () => ({ headers: [], rows: [] }),
    rowsKey: "rows",
    report: name,
  });
  return { cap, inputs };
}

/** A fixture checked against the tool's REAL output schema, typed as its output. */
export function outputOf<N extends ToolName>(name: N, value: unknown): ToolOutput<N> {
  return registry[name].outputSchema.parse(value) as ToolOutput<N>;
}

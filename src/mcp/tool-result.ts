import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { type AnyCapability, type Deps, outputNotes } from "../capabilities/types.js";
import { formatZodIssue } from "../config.js";
import { AppError, UsageError } from "../errors.js";
import type { Logger } from "../util/log.js";
import { redactSecrets } from "../util/redact.js";
import { tsv } from "../util/table.js";

/** Rows shown in the text block; the full set is always in structuredContent. */
export const TEXT_ROW_CAP = 20;

/**
 * The one text block: summary line and the output's notes (what was not evaluated: a model that
 * reads only this block must not take missing data for "nothing wrong"), then a TSV table (fewer
 * tokens than JSON) capped at 20 rows.
 */
export function toolText(cap: AnyCapability, out: unknown): string {
  const summary = [cap.summarize(out), ...outputNotes(out).map((n) => `note: ${n}`)].join("\n");
  const { headers, rows } = cap.table(out);
  if (!rows.length) return summary;
  const shown = rows.slice(0, TEXT_ROW_CAP);
  const more =
    rows.length > shown.length
      ? `\n… ${rows.length - shown.length} more rows in structuredContent.${cap.rowsKey}`
      : "";
  return `${summary}\n\n${tsv(headers, shown)}${more}`;
}

/**
 * Validates the output against the capability's own schema, then builds the result. An output
 * that breaks its schema is a bug in the capability, reported as an internal error.
 */
export function toolResult(cap: AnyCapability, out: unknown): CallToolResult {
  const parsed = cap.outputSchema.safeParse(out);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`output of ${cap.name} breaks its schema: ${formatZodIssue("output", issue)}`);
  }
  const data = parsed.data as Record<string, unknown>;
  return { structuredContent: data, content: [{ type: "text", text: toolText(cap, data) }] };
}

function errorResult(text: string): CallToolResult {
  return { isError: true, content: [{ type: "text", text }] };
}

/**
 * The one error wrapper. Input problems name the bad argument and say what to do next; anything
 * unexpected becomes a generic message (no stack, no internals, no secrets) and goes to the log.
 */
export function toolError(cap: AnyCapability, err: unknown, log: Logger): CallToolResult {
  if (err instanceof UsageError) {
    return errorResult(`${cap.name}: ${err.message}. Fix the argument and call ${cap.name} again.`);
  }
  if (err instanceof AppError) {
    return errorResult(`${cap.name}: ${err.message}${err.hint ? ` — ${err.hint}` : ""}`);
  }
  if (err instanceof z.ZodError) {
    const issue = err.issues[0];
    return errorResult(
      `${formatZodIssue(`${cap.name}: argument`, issue)}. Fix the argument (see the tool's input schema) and call ${cap.name} again.`,
    );
  }
  log.error(
    redactSecrets(`mcp tool ${cap.name} failed: ${err instanceof Error ? err.message : String(err)}`),
  );
  if (err instanceof Error && err.stack) log.debug(redactSecrets(err.stack));
  return errorResult(
    `${cap.name} failed with an internal error. The server log (stderr) has the details; ` +
      "run `bedrock-spend doctor` to check the store and the collection, then try again.",
  );
}

/** Runs one capability call and wraps what comes out: the one path every call takes, in any thread. */
export async function answerCall(cap: AnyCapability, deps: Deps, input: unknown): Promise<CallToolResult> {
  try {
    return toolResult(cap, await cap.run(deps, input));
  } catch (err) {
    return toolError(cap, err, deps.log);
  }
}

import { z } from "zod";
import type { InvocationLogRow } from "../../store/queries/invocation-log.js";

/**
 * Invocation-log records → metadata rows (docs/aws-data.md §3.1). Prompt and response bodies
 * (`input.inputBodyJson`, `output.outputBodyJson`, the `*BodyS3Path` pointers) are DROPPED HERE:
 * the schema below names only metadata fields (zod strips every other key), and the row is then
 * built field by field from that allow-list. Nothing else from a record can reach the store.
 */

const count = z.number().int().nonnegative().catch(0).optional();
const str = z.string().max(2048).optional().catch(undefined);

const metadataSchema = z.object({
  requestId: z.string().min(1).max(256),
  timestamp: z.string().refine((s) => !Number.isNaN(Date.parse(s)), "an ISO-8601 timestamp"),
  accountId: str,
  region: str,
  operation: str,
  modelId: str,
  inferenceRegion: str,
  errorCode: str,
  identity: z.object({ arn: str }).optional().catch(undefined),
  input: z
    .object({ inputTokenCount: count, cacheReadInputTokenCount: count, cacheWriteInputTokenCount: count })
    .optional()
    .catch(undefined),
  output: z.object({ outputTokenCount: count }).optional().catch(undefined),
  // Caller-supplied string pairs (≤16 pairs of ≤256 chars per the API); anything else is dropped.
  requestMetadata: z.record(z.string().max(256), z.unknown()).optional().catch(undefined),
});

export interface ParseResult {
  rows: InvocationLogRow[];
  /** Lines or records that were not valid JSON or lacked requestId/timestamp. */
  skipped: number;
}

function toRow(rec: unknown, where: { account: string; region: string }): InvocationLogRow | null {
  const r = metadataSchema.safeParse(rec);
  if (!r.success) return null;
  const m = r.data;
  const meta: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.requestMetadata ?? {}).slice(0, 16)) {
    if (typeof v === "string" && v.length <= 256) meta[k] = v;
  }
  return {
    request_id: m.requestId,
    ts: new Date(m.timestamp).toISOString(),
    account: m.accountId ?? where.account,
    region: m.region ?? where.region,
    operation: m.operation ?? null,
    model_id: m.modelId ?? null,
    principal: m.identity?.arn ?? null,
    inference_region: m.inferenceRegion ?? null,
    input_tokens: m.input?.inputTokenCount ?? 0,
    output_tokens: m.output?.outputTokenCount ?? 0,
    cache_read_tokens: m.input?.cacheReadInputTokenCount ?? 0,
    cache_write_tokens: m.input?.cacheWriteInputTokenCount ?? 0,
    error_code: m.errorCode ?? null,
    request_metadata: JSON.stringify(meta),
  };
}

/** One record, or an array of records (defensive: a line may hold a JSON array). */
export function parseRecords(value: unknown, where: { account: string; region: string }): ParseResult {
  const out: ParseResult = { rows: [], skipped: 0 };
  for (const rec of Array.isArray(value) ? value : [value]) {
    const row = toRow(rec, where);
    if (row) out.rows.push(row);
    else out.skipped++;
  }
  return out;
}

/** A log object: newline-delimited JSON, any key order, blank lines ignored. */
export function parseLogText(text: string, where: { account: string; region: string }): ParseResult {
  const out: ParseResult = { rows: [], skipped: 0 };
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (!t) continue;
    let value: unknown;
    try {
      value = JSON.parse(t);
    } catch {
      out.skipped++;
      continue;
    }
    const r = parseRecords(value, where);
    out.rows.push(...r.rows);
    out.skipped += r.skipped;
  }
  return out;
}

import type { IncomingMessage } from "node:http";

/**
 * Reads and checks a POST body before anything parses it. A tool call is a few hundred bytes;
 * the limits refuse what no MCP client sends, in milliseconds: an oversized body (by its
 * Content-Length, or as soon as a streamed one crosses the limit), JSON nested deeper than any
 * real message (JSON.parse and the SDK's schema walk recurse per level), and JSON-RPC batches,
 * which the current MCP revision (2025-06-18) removed — one batch of 100 tool calls would
 * otherwise run them all past every limit.
 */

export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_JSON_DEPTH = 64;

export interface BodyRefusal {
  status: number;
  /** JSON-RPC error code: -32700 parse error, -32600 invalid request. */
  code: number;
  message: string;
}

export type BodyResult = { ok: true; message: Record<string, unknown> } | ({ ok: false } & BodyRefusal);

const refuse = (status: number, code: number, message: string): BodyResult => ({
  ok: false,
  status,
  code,
  message,
});

const tooLarge = () =>
  refuse(413, -32600, `request body too large: an MCP message is at most ${MAX_BODY_BYTES} bytes`);

/** Collects the body up to `MAX_BODY_BYTES`; null once it is larger (the rest is drained, unread). */
function collect(req: IncomingMessage): Promise<Buffer | null> {
  const declared = Number(req.headers["content-length"] ?? Number.NaN);
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(c);
      req.off("data", onData);
      req.resume();
      resolve(null);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Deepest [ / { nesting outside strings, stopping as soon as it passes `limit`. */
export function jsonDepthExceeds(body: Buffer, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

export async function readJsonRpcBody(req: IncomingMessage): Promise<BodyResult> {
  const body = await collect(req);
  if (body === null) return tooLarge();
  if (jsonDepthExceeds(body, MAX_JSON_DEPTH))
    return refuse(400, -32600, `JSON nested deeper than ${MAX_JSON_DEPTH} levels is refused`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    return refuse(400, -32700, "Parse error: the body is not valid JSON");
  }
  if (Array.isArray(parsed))
    return refuse(
      400,
      -32600,
      "JSON-RPC batches are not supported (MCP 2025-06-18 has none): send one message per POST",
    );
  if (parsed === null || typeof parsed !== "object")
    return refuse(400, -32600, "Invalid Request: expected one JSON-RPC message object");
  return { ok: true, message: parsed as Record<string, unknown> };
}

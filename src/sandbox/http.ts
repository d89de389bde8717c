import type { IncomingMessage, ServerResponse } from "node:http";
import type { SandboxRequest, SandboxResponse } from "./types.js";

/**
 * SigV4 names the signing service and region in the credential scope of the Authorization header
 * (or X-Amz-Credential for presigned URLs): `AKID/YYYYMMDD/<region>/<service>/aws4_request`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
export function credentialScope(
  headers: IncomingMessage["headers"],
  query: URLSearchParams,
): { accessKeyId: string; region: string; service: string } | null {
  const auth = String(headers.authorization ?? "");
  const fromHeader = /Credential=([^,\s]+)/.exec(auth)?.[1];
  const scope = fromHeader ?? query.get("X-Amz-Credential");
  const parts = scope?.split("/");
  if (!parts || parts.length < 5) return null;
  return { accessKeyId: parts[0], region: parts[2], service: parts[3] };
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export function toSandboxRequest(req: IncomingMessage, body: Buffer): SandboxRequest | null {
  const url = new URL(req.url ?? "/", "http://sandbox");
  const scope = credentialScope(req.headers, url.searchParams);
  if (!scope) return null;
  let path = url.pathname;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    // keep the raw path: a malformed escape is the handler's problem to reject
  }
  return {
    method: req.method ?? "GET",
    path,
    rawPath: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body,
    ...scope,
  };
}

export function send(res: ServerResponse, out: SandboxResponse): void {
  const body = out.body === undefined ? Buffer.alloc(0) : Buffer.from(out.body);
  res.writeHead(out.status, { ...out.headers, "content-length": String(body.length) });
  res.end(body);
}

import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { SandboxRequest, ServiceHandler } from "../../src/sandbox/types.js";

/** `AWS4-HMAC-SHA256 Credential=AKID/20261126/us-east-1/s3/aws4_request, SignedHeaders=…, Signature=…` */
export function parseSigV4(authorization: string | undefined): {
  accessKeyId: string;
  region: string;
  service: string;
} | null {
  const m = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? "");
  return m ? { accessKeyId: m[1], region: m[2], service: m[3] } : null;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function decodePath(rawPath: string): string {
  return rawPath
    .split("/")
    .map((seg) => decodeURIComponent(seg))
    .join("/");
}

/**
 * A minimal single-endpoint sandbox for tests: 127.0.0.1 on a free port, requests routed by the
 * SigV4 credential scope's service to the given handlers (the real sandbox server lives elsewhere).
 */
export async function startSandboxServer(
  handlers: ServiceHandler[],
): Promise<{ url: string; server: Server; requests: SandboxRequest[]; close(): Promise<void> }> {
  const byService = new Map(handlers.map((h) => [h.service, h]));
  const requests: SandboxRequest[] = [];
  const server = createServer(async (req, res) => {
    try {
      const scope = parseSigV4(req.headers.authorization);
      if (!scope) {
        res
          .writeHead(403, { "content-type": "application/xml" })
          .end("<Error><Code>AccessDenied</Code></Error>");
        return;
      }
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const sreq: SandboxRequest = {
        method: req.method ?? "GET",
        path: decodePath(url.pathname),
        query: url.searchParams,
        headers: req.headers,
        body: await readBody(req),
        ...scope,
      };
      requests.push(sreq);
      const handler = byService.get(scope.service);
      if (!handler) {
        res.writeHead(400).end(`no sandbox handler for service ${scope.service}`);
        return;
      }
      const out = await handler.handle(sreq);
      res.writeHead(out.status, out.headers ?? {});
      res.end(out.body ?? undefined);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    requests,
    close: () =>
      new Promise<void>((ok, fail) => {
        server.closeAllConnections();
        server.close((e) => (e ? fail(e) : ok()));
      }),
  };
}

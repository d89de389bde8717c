import { request } from "node:http";

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  ms: number;
}

/**
 * POSTs raw bytes to the MCP endpoint and times the answer. Unlike fetch it can send a body that
 * is not JSON-serialisable from a value (a 10,000-deep array, a 5 MB string, chunked without a
 * length) and it reports a reset connection as a rejection, never as a status.
 */
export function postRaw(
  url: string,
  body: string | Buffer,
  o: { headers?: Record<string, string>; chunked?: boolean; timeoutMs?: number } = {},
): Promise<RawResponse> {
  const u = new URL(url);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: "POST",
        timeout: o.timeoutMs ?? 10_000,
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          ...(o.chunked ? {} : { "content-length": Buffer.byteLength(body) }),
          ...o.headers,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          text += c;
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: text,
            ms: performance.now() - t0,
          }),
        );
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${o.timeoutMs ?? 10_000} ms`)));
    req.on("error", reject);
    // Errors writing the rest of a body the server refused early are expected; the answer counts.
    req.on("socket", (s) => s.on("error", () => {}));
    req.end(body);
  });
}

export const rpc = (id: number, method: string, params: object = {}) => ({
  jsonrpc: "2.0",
  id,
  method,
  params,
});

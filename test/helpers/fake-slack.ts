import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local fake of Slack's Web API (POST /api/<method>) and of response_url endpoints
 * (POST /response/<id>) on 127.0.0.1:0. It records every call and can answer the next call of a
 * method with a 429 + Retry-After or an ok:false error, once.
 */
export interface FakeCall {
  method: string;
  args: Record<string, unknown>;
  /** performance.now() when the request arrived. */
  at: number;
  /** What the fake answered (ok:true bodies carry the channel id and ts of a post). */
  answer?: Record<string, unknown>;
}

type Failure = { status: 429; retryAfter: number } | { error: string };

export interface FakeSlack {
  url: string;
  apiUrl: string;
  calls: FakeCall[];
  of(method: string): FakeCall[];
  failNext(method: string, failure: Failure): void;
  /** Answers every later call of `method` only after `ms` (the request is recorded on arrival). */
  slow(method: string, ms: number): void;
  /** What apps.connections.open answers (Socket Mode): the WebSocket URL to connect to. */
  socketUrl: string | null;
  waitFor(method: string, count: number, timeoutMs?: number): Promise<FakeCall[]>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  if ((req.headers["content-type"] ?? "").includes("application/json")) return raw ? JSON.parse(raw) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    // The WebClient form-encodes nested values (blocks) as JSON strings.
    out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
  }
  return out;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: FakeCall[] = [];
  const failures = new Map<string, Failure>();
  const delays = new Map<string, number>();
  let seq = 0;
  const server: Server = createServer(async (req, res) => {
    const args = await readBody(req);
    const path = req.url ?? "/";
    const method = path.startsWith("/api/") ? path.slice(5).split("?")[0] : "response_url";
    const call: FakeCall = {
      method,
      args: method === "response_url" ? { ...args, path } : args,
      at: performance.now(),
    };
    calls.push(call);
    const failure = failures.get(method);
    if (failure) failures.delete(method);
    if (failure && "status" in failure) {
      res.writeHead(429, { "content-type": "application/json", "retry-after": String(failure.retryAfter) });
      res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
      return;
    }
    const body = failure
      ? { ok: false, error: failure.error }
      : method === "apps.connections.open"
        ? { ok: true, url: fake.socketUrl }
        : method === "auth.test"
          ? {
              ok: true,
              user_id: "UBOT",
              bot_id: "BBOT",
              team_id: "T0001",
              user: "bedrock-spend",
              team: "Test",
            }
          : method === "chat.postMessage"
            ? {
                ok: true,
                channel: String(args.channel).replace(/^#/, "C_"),
                ts: `1700000000.${String(++seq).padStart(6, "0")}`,
              }
            : { ok: true, channel: args.channel, ts: args.ts };
    call.answer = body;
    const delay = delays.get(method);
    if (delay) await new Promise((r) => setTimeout(r, delay));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const of = (method: string) => calls.filter((c) => c.method === method);
  const fake: FakeSlack = {
    socketUrl: null,
    url,
    apiUrl: `${url}/api/`,
    calls,
    of,
    failNext: (method, failure) => failures.set(method, failure),
    slow: (method, ms) => delays.set(method, ms),
    async waitFor(method, count, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (of(method).length < count) {
        if (Date.now() > until)
          throw new Error(`fake slack: expected ${count} ${method} calls, got ${of(method).length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return of(method);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return fake;
}

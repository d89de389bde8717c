import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type WebSocket, WebSocketServer } from "ws";
import { createSlackApp, type SlackRuntime } from "../../src/slack/app.js";
import type { Db } from "../../src/store/db.js";
import { memoryDb } from "../helpers/db.js";
import { type FakeSlack, startFakeSlack } from "../helpers/fake-slack.js";
import { slackDeps } from "../helpers/slack-deps.js";

/**
 * Socket Mode end to end: the app asks apps.connections.open (on the fake Web API, with the app
 * token) for a WebSocket URL, connects to a local server speaking Slack's envelope protocol
 * (https://api.slack.com/apis/socket-mode), acks a slash command envelope and answers at response_url.
 */
describe("Socket Mode", () => {
  let fake: FakeSlack;
  let db: Db;
  let wss: WebSocketServer;
  let runtime: SlackRuntime | undefined;
  const sockets: WebSocket[] = [];
  const received: Record<string, unknown>[] = [];

  beforeEach(async () => {
    fake = await startFakeSlack();
    db = await memoryDb();
    wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise((r) => wss.once("listening", r));
    fake.socketUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
    wss.on("connection", (ws) => {
      sockets.push(ws);
      ws.on("message", (m) => received.push(JSON.parse(String(m))));
      ws.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A0001" } }));
    });
  });
  afterEach(async () => {
    await runtime?.stop();
    for (const s of sockets) s.terminate();
    await new Promise((r) => wss.close(r));
    await fake.close();
    await db.destroy();
  });

  it("connects with the app token, acks the envelope and answers through response_url", async () => {
    runtime = createSlackApp(slackDeps(db), {
      mode: "socket",
      botToken: "xoxb-test",
      appToken: "xapp-1-test",
      apiUrl: fake.apiUrl,
    });
    await runtime.start();
    const [open] = await fake.waitFor("apps.connections.open", 1);
    expect(open.args).not.toHaveProperty("token"); // the app token travels in the Authorization header
    const payload = {
      command: "/bedrock-spend",
      text: "help",
      team_id: "T0001",
      channel_id: "C0123",
      user_id: "U0456",
      api_app_id: "A0001",
      response_url: `${fake.url}/response/socket`,
      trigger_id: "1.2.3",
    };
    sockets[0].send(
      JSON.stringify({
        envelope_id: "env-1",
        type: "slash_commands",
        accepts_response_payload: true,
        payload,
      }),
    );
    const [reply] = await fake.waitFor("response_url", 1);
    expect(reply.args.response_type).toBe("ephemeral");
    expect(String(reply.args.text)).toBe("bedrock-spend: how to ask");
    expect(received.some((m) => m.envelope_id === "env-1")).toBe(true);
  });
});

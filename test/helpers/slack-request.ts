import { createHmac } from "node:crypto";

/** Real HTTP requests to the Bolt receiver, signed like Slack does (v0 scheme). */
export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SignedOptions {
  secret: string;
  timestamp?: number;
  signature?: string;
  retryNum?: number;
  json?: boolean;
}

export async function postSigned(
  url: string,
  body: string,
  o: SignedOptions,
): Promise<{ status: number; text: string }> {
  const ts = o.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": o.json ? "application/json" : "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": String(ts),
    "x-slack-signature": o.signature ?? sign(o.secret, ts, body),
  };
  if (o.retryNum !== undefined) {
    headers["x-slack-retry-num"] = String(o.retryNum);
    headers["x-slack-retry-reason"] = "http_timeout";
  }
  const res = await fetch(url, { method: "POST", headers, body });
  return { status: res.status, text: await res.text() };
}

export function slashBody(p: { text: string; responseUrl: string; channel?: string; user?: string }): string {
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: "T0001",
    team_domain: "test",
    channel_id: p.channel ?? "C0123",
    channel_name: "bedrock-spend",
    user_id: p.user ?? "U0456",
    user_name: "alice",
    command: "/bedrock-spend",
    text: p.text,
    api_app_id: "A0001",
    response_url: p.responseUrl,
    trigger_id: "1.2.3",
  }).toString();
}

export function buttonBody(p: {
  actionId: string;
  value: string;
  responseUrl: string;
  ts: string;
  channel?: string;
  user?: string;
}): string {
  const payload = {
    type: "block_actions",
    team: { id: "T0001", domain: "test" },
    user: { id: p.user ?? "U0456", username: "alice", team_id: "T0001" },
    api_app_id: "A0001",
    token: "legacy-verification-token",
    container: { type: "message", message_ts: p.ts, channel_id: p.channel ?? "C0123", is_ephemeral: false },
    trigger_id: "1.2.3",
    channel: { id: p.channel ?? "C0123", name: "bedrock-spend" },
    message: { type: "message", ts: p.ts, text: "anomaly", user: "UBOT" },
    response_url: p.responseUrl,
    actions: [
      {
        type: "button",
        action_id: p.actionId,
        block_id: "triage",
        value: p.value,
        text: { type: "plain_text", text: "x" },
        action_ts: "1700000001.0",
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function mentionBody(p: { eventId: string; text: string; channel?: string; user?: string }): string {
  return JSON.stringify({
    token: "legacy-verification-token",
    team_id: "T0001",
    api_app_id: "A0001",
    type: "event_callback",
    event_id: p.eventId,
    event_time: 1700000000,
    authorizations: [{ team_id: "T0001", user_id: "UBOT", is_bot: true }],
    event: {
      type: "app_mention",
      user: p.user ?? "U0456",
      text: `<@UBOT> ${p.text}`,
      ts: "1700000000.000001",
      channel: p.channel ?? "C0123",
      event_ts: "1700000000.000001",
    },
  });
}

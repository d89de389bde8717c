import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { TRIAGE_ACTIONS } from "../../src/slack/blocks/anomalies.js";
import { SLASH_COMMAND } from "../../src/slack/listeners/commands/index.js";

const manifest = JSON.parse(
  readFileSync(resolve(import.meta.dirname, "../../slack/app-manifest.json"), "utf8"),
);

describe("slack/app-manifest.json", () => {
  it("declares what the listeners handle: the slash command, app mentions, interactivity", () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([
      SLASH_COMMAND,
    ]);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(["app_mention"]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(Object.keys(TRIAGE_ACTIONS)).toEqual(["ack", "expected", "mute_7d"]);
  });

  it("asks for exactly the scopes it uses", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      "app_mentions:read",
      "chat:write",
      "commands",
    ]);
  });

  it("points every HTTP URL at Bolt's default /slack/events", () => {
    const urls = [
      manifest.features.slash_commands[0].url,
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    for (const u of urls) expect(new URL(u).pathname).toBe("/slack/events");
  });
});

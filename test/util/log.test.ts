import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/util/log.js";

const SECRETS = {
  BEDROCK_SPEND_MCP_TOKEN: "mcp-tok-4a1f9c2e",
  SLACK_BOT_TOKEN: "xoxb-1-2-botsecret",
  SLACK_SIGNING_SECRET: "signing-7d0c1e55",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY",
  PGPASSWORD: "pg-pass-93b1",
};

function capture(format: string | undefined, level?: string) {
  const lines: string[] = [];
  const log = createLogger({ env: { ...SECRETS }, format, level, write: (l) => lines.push(l) });
  return { log, lines };
}

describe("createLogger", () => {
  it("json: one object per line with time, level and msg", () => {
    const { log, lines } = capture("json");
    log.info("serve: started");
    log.warn('multi\nline "quoted"');
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.endsWith("\n") && l.indexOf("\n") === l.length - 1)).toBe(true);
    const [a, b] = lines.map((l) => JSON.parse(l));
    expect(a).toMatchObject({ level: "info", msg: "serve: started" });
    expect(Date.parse(a.time)).not.toBeNaN();
    expect(b).toMatchObject({ level: "warn", msg: 'multi\nline "quoted"' });
  });

  it("text stays the default, with the level prefix for non-info lines", () => {
    const { log, lines } = capture(undefined);
    log.info("hello");
    log.error("boom");
    expect(lines).toEqual(["hello\n", "error: boom\n"]);
  });

  it.each(["json", "text"])("%s: secret values from the environment never appear", (format) => {
    const { log, lines } = capture(format, "debug");
    for (const [k, v] of Object.entries(SECRETS)) log.error(`${k} was ${v} (in ${encodeURIComponent(v)})`);
    log.warn(`connect postgres://spend:${SECRETS.PGPASSWORD}@db/spend refused`);
    log.info(`sent Authorization: Bearer ${SECRETS.BEDROCK_SPEND_MCP_TOKEN}`);
    const text = lines.join("");
    for (const v of Object.values(SECRETS)) expect(text).not.toContain(v);
    expect(text).toContain("BEDROCK_SPEND_MCP_TOKEN was [redacted]");
  });

  it("honours the level", () => {
    const { log, lines } = capture("json", "warn");
    log.info("quiet");
    log.warn("loud");
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(["loud"]);
  });
});

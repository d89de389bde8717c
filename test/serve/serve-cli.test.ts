import { writeFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capabilities } from "../../src/capabilities/index.js";
import { cliEnv, finished, spawnCli, waitForStderr } from "../helpers/cli.js";
import { tempDir } from "../helpers/db.js";
import { type FakeSlack, startFakeSlack } from "../helpers/fake-slack.js";
import { postSigned, slashBody } from "../helpers/slack-request.js";

const TOKEN = "serve-token-81c2";
const SECRET = "serve-signing-secret";

function configFile(yaml: string): string {
  const path = `${tempDir()}/bedrock-spend.config.yaml`;
  writeFileSync(path, yaml);
  return path;
}

async function listTools(url: string): Promise<string[]> {
  const client = new Client({ name: "serve-test", version: "0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { authorization: `Bearer ${TOKEN}` } },
    }),
  );
  const { tools } = await client.listTools();
  await client.close();
  return tools.map((t) => t.name).sort();
}

describe("bedrock-spend serve (real process)", () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(() => fake.close());

  it("serves MCP on config mcp.port 0, skips Slack without its env, exits 0 on SIGTERM", async () => {
    const child = spawnCli(
      ["--config", configFile("mcp: { port: 0 }\n"), "serve"],
      cliEnv({ BEDROCK_SPEND_DB: `${tempDir()}/store.db`, BEDROCK_SPEND_MCP_TOKEN: TOKEN }),
    );
    const done = finished(child);
    const [, url] = await waitForStderr(child, /MCP listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/);
    expect(await listTools(url)).toEqual(capabilities.map((c) => c.name).sort());
    child.kill("SIGTERM");
    const run = await done;
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/serve: slack skipped: SLACK_BOT_TOKEN is not set/);
    expect(run.stderr).toMatch(/serve: mcp-http stopped/);
    expect(run.stderr).not.toContain(TOKEN);
  });

  it("runs the Slack app (HTTP mode on slack.port 0) next to MCP and answers a signed slash command", async () => {
    const child = spawnCli(
      ["--config", configFile("mcp: { port: 0 }\nslack: { port: 0 }\n"), "serve"],
      cliEnv({
        BEDROCK_SPEND_DB: `${tempDir()}/store.db`,
        BEDROCK_SPEND_MCP_TOKEN: TOKEN,
        SLACK_BOT_TOKEN: "xoxb-serve-test",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
      }),
    );
    const done = finished(child);
    const [, events] = await waitForStderr(
      child,
      /Slack listening on (http:\/\/127\.0\.0\.1:\d+\/slack\/events)/,
    );
    const body = slashBody({ text: "help", responseUrl: `${fake.url}/response/serve` });
    expect((await postSigned(events, body, { secret: SECRET })).status).toBe(200);
    const [reply] = await fake.waitFor("response_url", 1);
    expect(JSON.stringify(reply.args)).toMatch(/bedrock-spend/);
    child.kill("SIGTERM");
    const run = await done;
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/digest and alerts are off: set slack\.channel/);
    expect(run.stderr).toMatch(/serve: slack stopped/);
    expect(run.stderr).not.toContain(SECRET);
  });
});

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { describe, expect, it } from "vitest";
import { cliEnv, finished, spawnCli, waitForStderr } from "../helpers/cli.js";
import { tempDir } from "../helpers/db.js";

describe("bedrock-spend mcp --http (real process)", () => {
  const db = `${tempDir()}/store.db`;

  it("binds port 0, prints the URL on stderr, requires the token and stops cleanly on SIGTERM", async () => {
    const token = "cli-token-5d1f";
    const child = spawnCli(
      ["mcp", "--http", "--port", "0"],
      cliEnv({ BEDROCK_SPEND_DB: db, BEDROCK_SPEND_MCP_TOKEN: token }),
    );
    const done = finished(child);
    const [, url] = await waitForStderr(child, /listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/);
    const denied = await fetch(url, {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(denied.status).toBe(401);
    const client = new Client({ name: "cli-http", version: "0" });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { authorization: `Bearer ${token}` } },
      }),
    );
    expect((await client.listPrompts()).prompts.length).toBe(5);
    await client.close();
    child.kill("SIGTERM");
    const run = await done;
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).not.toContain(token);
  });

  it("refuses to start on a non-loopback host without BEDROCK_SPEND_MCP_TOKEN (exit 2)", async () => {
    const run = await finished(
      spawnCli(["mcp", "--http", "--host", "0.0.0.0", "--port", "0"], cliEnv({ BEDROCK_SPEND_DB: db })),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/non-loopback host 0\.0\.0\.0 without a token: set BEDROCK_SPEND_MCP_TOKEN/);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });
});

import { readFileSync } from "node:fs";
import { MANIFEST_SCHEMAS, validateManifest } from "@anthropic-ai/mcpb/node";
import { describe, expect, it, vi } from "vitest";
import { capabilities } from "../../src/capabilities/index.js";
import { manifestTools } from "../../src/mcp/manifest.js";
import { REPO_ROOT } from "../helpers/cli.js";

const path = `${REPO_ROOT}manifest.json`;
const manifest = JSON.parse(readFileSync(path, "utf8"));

describe("manifest.json (MCPB bundle)", () => {
  it("passes the official MCPB schema for its manifest_version", () => {
    const schema = MANIFEST_SCHEMAS[manifest.manifest_version as keyof typeof MANIFEST_SCHEMAS];
    expect(schema, `unknown manifest_version ${manifest.manifest_version}`).toBeDefined();
    const result = schema.safeParse(manifest);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it("passes the official validator used by `mcpb validate`", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      expect(validateManifest(path)).toBe(true);
    } finally {
      log.mockRestore();
    }
  });

  it("lists exactly the registry's tools (run `npm run manifest` after adding a capability)", () => {
    expect(manifest.tools).toEqual(manifestTools(capabilities));
  });

  // MCPB substitutes these placeholders at install time; they are literal strings here.
  const dirname = "$" + "{__dirname}";
  const userConfig = (k: string) => "$" + `{user_config.${k}}`;

  it("starts the stdio server from dist/cli.js with the database and config paths from user_config", () => {
    expect(manifest.server.type).toBe("node");
    expect(manifest.server.entry_point).toBe("dist/cli.js");
    expect(manifest.server.mcp_config.args).toEqual([`${dirname}/dist/cli.js`, "mcp"]);
    expect(manifest.server.mcp_config.env).toEqual({
      BEDROCK_SPEND_DB: userConfig("db_path"),
      BEDROCK_SPEND_CONFIG: userConfig("config_path"),
    });
    expect(Object.keys(manifest.user_config).sort()).toEqual(["config_path", "db_path"]);
  });

  it("keeps the version in step with package.json", () => {
    const pkg = JSON.parse(readFileSync(`${REPO_ROOT}package.json`, "utf8"));
    expect(manifest.version).toBe(pkg.version);
  });
});

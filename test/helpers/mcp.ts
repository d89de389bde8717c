import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv";
import type { AnyCapability, Deps } from "../../src/capabilities/types.js";
import { parseConfig } from "../../src/config.js";
import { createServer } from "../../src/mcp/server.js";
import type { Db } from "../../src/store/db.js";
import type { Logger } from "../../src/util/log.js";

/** A logger that keeps lines, so tests can assert what reached the log (and what did not). */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (lvl: string) => (m: string) => void lines.push(`${lvl}: ${m}`);
  return { lines, debug: keep("debug"), info: keep("info"), warn: keep("warn"), error: keep("error") };
}

export function testDeps(db: Db, nowIso: string, log: Logger = memoryLogger()): Deps {
  return { db, config: parseConfig({}), now: () => new Date(nowIso), log };
}

/** A real SDK client linked in memory to a real server built by createServer. */
export async function connectInMemory(deps: Deps, capabilities?: readonly AnyCapability[]) {
  const server = createServer(deps, { capabilities });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: "test", version: "0.0.0" });
  await client.connect(clientSide);
  return {
    client,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

/** Validates data against the JSON Schema the server advertised for the tool's output. */
export function validateAdvertisedOutput(tool: Tool, data: unknown): string | undefined {
  if (!tool.outputSchema) return `tool ${tool.name} advertises no outputSchema`;
  const check = new AjvJsonSchemaValidator().getValidator(tool.outputSchema as never)(data);
  return check.valid ? undefined : check.errorMessage;
}

export function textOf(result: object): string {
  const content = ((result as { content?: unknown }).content ?? []) as { type: string; text?: string }[];
  return content.map((c) => c.text ?? "").join("\n");
}

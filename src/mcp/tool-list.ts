import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { type ListToolsResult, ListToolsResultSchema } from "@modelcontextprotocol/sdk/types.js";
import type { Deps } from "../capabilities/types.js";
import { createServer, type ServerOptions } from "./server.js";

/**
 * The tools/list answer of a server built with these options, asked once of the SDK itself over an
 * in-memory link, so the cached answer is exactly what the SDK would send on every request.
 */
export async function listToolsOnce(deps: Deps, opts: ServerOptions): Promise<ListToolsResult> {
  const server = createServer(deps, opts);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: "bedrock-spend-self", version: "0" });
  try {
    await client.connect(clientSide);
    return await client.request({ method: "tools/list" }, ListToolsResultSchema);
  } finally {
    await client.close();
    await server.close();
  }
}

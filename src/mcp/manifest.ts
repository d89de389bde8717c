import type { AnyCapability } from "../capabilities/types.js";

/**
 * The MCPB bundle manifest (manifest.json at the package root) lists the tools so that hosts can
 * show them before starting the server. It must equal the registry; `npm run manifest` rewrites
 * the list and a test fails when they drift.
 */
export interface ManifestTool {
  name: string;
  description: string;
}

export function manifestTools(caps: readonly AnyCapability[]): ManifestTool[] {
  return caps.map((c) => ({ name: c.name, description: c.description }));
}

/** Returns the manifest with its tools replaced by the registry's (other keys untouched). */
export function withRegistryTools<M extends Record<string, unknown>>(
  manifest: M,
  caps: readonly AnyCapability[],
): M {
  return { ...manifest, tools: manifestTools(caps) };
}

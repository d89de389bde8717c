import type { SandboxState } from "../state.js";
import type { SandboxService } from "./service.js";
import { createStsService } from "./sts.js";

/** Every service the sandbox speaks, keyed by SigV4 signing name. */
export async function createServices(
  state: SandboxState,
  _dataDir: string,
): Promise<Map<string, SandboxService>> {
  const list: SandboxService[] = [createStsService(state)];
  return new Map(list.map((s) => [s.service, s]));
}

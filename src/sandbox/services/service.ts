import type { SandboxRequest, ServiceHandler } from "../types.js";

/** A sandbox service also names the API operation of a request (for the call log and faults). */
export interface SandboxService extends ServiceHandler {
  actionOf(req: SandboxRequest): string;
}

import { z } from "zod";
import { unit } from "./rng.js";

/** Faults injected on request (options object or POST /__sandbox/faults). Deterministic: seeded. */
export const faultsSchema = z.strictObject({
  seed: z.number().int().optional(),
  /** Throttle this fraction of calls (optionally only some services/actions) with each protocol's real code. */
  throttle: z
    .strictObject({
      rate: z.number().min(0).max(1),
      services: z.array(z.string()).optional(),
      actions: z.array(z.string()).optional(),
    })
    .optional(),
  /** AccessDenied for `action` (`bedrock:ListFoundationModels`, or `*`) in `account` (or `*`). */
  accessDenied: z.array(z.strictObject({ account: z.string(), action: z.string() })).optional(),
  /** Accounts whose trust policy rejects our ExternalId (AssumeRole → AccessDenied). */
  wrongExternalId: z.array(z.string()).optional(),
  /** Added latency per call, ms. */
  latencyMs: z.number().min(0).max(60_000).optional(),
});
export type SandboxFaults = z.infer<typeof faultsSchema>;

export interface CallFacts {
  service: string;
  /** `<iam-prefix>:<Operation>`, e.g. `cloudwatch:GetMetricData`. */
  action: string;
  account: string;
}

/** Decides the injected fault for the n-th call, if any. */
export class FaultInjector {
  private calls = 0;
  constructor(private readonly get: () => SandboxFaults) {}

  decide(c: CallFacts): "throttle" | "denied" | null {
    const f = this.get();
    const n = this.calls++;
    const denied = f.accessDenied?.some(
      (d) => (d.account === "*" || d.account === c.account) && (d.action === "*" || d.action === c.action),
    );
    if (denied) return "denied";
    const t = f.throttle;
    if (!t || t.rate <= 0) return null;
    if (t.services && !t.services.includes(c.service)) return null;
    if (t.actions && !t.actions.includes(c.action)) return null;
    return unit(f.seed ?? 7, n, 11) < t.rate ? "throttle" : null;
  }

  reset(): void {
    this.calls = 0;
  }
}

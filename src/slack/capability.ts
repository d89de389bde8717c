import type { z } from "zod";
import { formatZodIssue } from "../config.js";
import { AppError, UsageError } from "../errors.js";
import type { SlackDeps } from "./types.js";

/** Capability names Slack uses (DESIGN §6). Missing ones make their sections/answers unavailable. */
export const CAP = {
  spend: "get_spend_by_model",
  anomalies: "detect_anomalies",
  budgets: "get_budget_status",
  forecast: "forecast_spend",
  idle: "list_idle_throughput",
  lifecycle: "list_model_lifecycle",
  status: "onboarding_status",
} as const;

export function hasCapability(deps: Pick<SlackDeps, "capabilities">, name: string): boolean {
  return deps.capabilities.some((c) => c.name === name);
}

/**
 * Runs a capability by name: the raw input is validated with the capability's OWN input schema
 * (bad input → UsageError naming the field), the output is read through Slack's view schema.
 * Returns null when this build has no such capability.
 */
export async function runCapability<T>(
  deps: SlackDeps,
  name: string,
  raw: Record<string, unknown>,
  view: z.ZodType<T>,
): Promise<T | null> {
  const cap = deps.capabilities.find((c) => c.name === name);
  if (!cap) return null;
  const input = cap.inputSchema.safeParse(raw);
  if (!input.success) throw new UsageError(formatZodIssue(name, input.error.issues[0]));
  const out = await cap.run(deps, input.data);
  const parsed = view.safeParse(out);
  if (!parsed.success) {
    throw new AppError(
      `${name} returned output Slack cannot read: ${formatZodIssue("output", parsed.error.issues[0])}`,
      "this build mixes incompatible versions; rebuild from one commit",
    );
  }
  return parsed.data;
}

import { accessSteps } from "./evaluate-access.js";
import { collectionStep, worst } from "./evaluate-collection.js";
import { curSteps } from "./evaluate-cur.js";
import { regionSteps } from "./evaluate-region.js";
import type { AccountFacts, Step, StepStatus } from "./types.js";

/**
 * Facts in, checklist out. Pure: the live AWS answers and store reads arrive as facts, `now` is
 * passed in. Steps that need the role are left out when it cannot be assumed.
 */
export function evaluateAccount(f: AccountFacts, now: Date): Step[] {
  const steps = accessSteps(f);
  if (!f.assumeError) steps.push(...regionSteps(f));
  if (f.cur) steps.push(...curSteps(f.cur, now));
  steps.push(collectionStep(f.runs, now));
  return steps;
}

export function overallStatus(steps: Step[]): StepStatus {
  return steps.reduce<StepStatus>((s, x) => worst(s, x.status), "ok");
}

/** Errors fail; warnings and missing optional pieces do not. */
export const stepsOk = (steps: Step[]) => steps.every((s) => s.status !== "error");

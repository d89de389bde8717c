import { FIX } from "./fixes.js";
import type { RunFacts, Step, StepStatus } from "./types.js";

/** Same threshold as the Slack health alert: failing or stale for more than a day. */
export const STALE_HOURS = 24;

const RANK: Record<StepStatus, number> = { ok: 0, missing: 1, warning: 2, error: 3 };
export const worst = (a: StepStatus, b: StepStatus): StepStatus => (RANK[a] >= RANK[b] ? a : b);

const label = (r: RunFacts) => [r.source, r.region].filter(Boolean).join(" ");

function judge(r: RunFacts, now: Date): { status: StepStatus; note: string; fix: string | null } {
  if (r.status === "never")
    return { status: "missing", note: `${label(r)}: never collected`, fix: FIX.neverCollected };
  if (r.status === "failed")
    return {
      status: "error",
      note: `${label(r)}: last run failed (${r.errorName ?? "error"}: ${r.error ?? ""})`,
      fix: r.fix || `fix the error above, then run \`bedrock-spend collect --source ${r.source}\``,
    };
  const age = r.lastOkAt ? (now.getTime() - Date.parse(r.lastOkAt)) / 3_600_000 : Number.POSITIVE_INFINITY;
  if (age > STALE_HOURS)
    return {
      status: "warning",
      note: `${label(r)}: last success ${r.lastOkAt ? `${Math.round(age)} h ago` : "never"}`,
      fix: `keep \`bedrock-spend serve\` running (it schedules collection) or run \`bedrock-spend collect --source ${r.source}\``,
    };
  return { status: "ok", note: `${label(r)}: ${Math.max(0, Math.round(age))} h ago`, fix: null };
}

/** One collection_fresh step per account: the worst unit decides, the detail names every problem. */
export function collectionStep(runs: RunFacts[], now: Date): Step {
  if (!runs.length)
    return {
      id: "collection_fresh",
      status: "missing",
      detail: "nothing to collect for this account",
      fix: FIX.neverCollected,
    };
  const judged = runs.map((r) => judge(r, now));
  const status = judged.reduce<StepStatus>((s, j) => worst(s, j.status), "ok");
  const bad = judged.filter((j) => j.status !== "ok");
  const fixes = [...new Set(bad.map((j) => j.fix).filter((x): x is string => Boolean(x)))];
  return {
    id: "collection_fresh",
    status,
    detail: bad.length
      ? bad.map((j) => j.note).join("; ")
      : `every source collected within ${STALE_HOURS} h (${judged.map((j) => j.note).join("; ")})`,
    fix: fixes.length ? fixes.join("; ") : null,
  };
}

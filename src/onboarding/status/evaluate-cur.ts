import { FIX } from "./fixes.js";
import type { CurFacts, Step } from "./types.js";

/** A CUR 2.0 export refreshes up to three times a day; two days without one means it stopped. */
export const CUR_FRESH_HOURS = 48;

const hoursSince = (iso: string, now: Date) => (now.getTime() - Date.parse(iso)) / 3_600_000;

function exportStep(c: CurFacts, now: Date): Step {
  const base = { id: "cur_export" as const };
  if (!c.source)
    return {
      ...base,
      status: "missing",
      detail: "no CUR export configured (cur.source)",
      fix: FIX.noCurConfigured,
    };
  const l = c.listing;
  if (l && !l.ok) {
    const denied = /denied|forbidden/i.test(l.error.name);
    return {
      ...base,
      status: "error",
      detail: l.error.message,
      fix: denied ? FIX.curDenied(c.source) : l.error.fix || FIX.noCurData(c.source),
    };
  }
  const newest = l?.newestAt ?? c.period?.refreshedAt ?? null;
  if ((l && l.dataFiles === 0) || !newest)
    return {
      ...base,
      status: "missing",
      detail: `no CUR data files under ${c.source} yet`,
      fix: FIX.noCurData(c.source),
    };
  const age = hoursSince(newest, now);
  if (age > CUR_FRESH_HOURS)
    return {
      ...base,
      status: "warning",
      detail: `the newest CUR file under ${c.source} is ${Math.round(age)} h old (fresh is ≤ ${CUR_FRESH_HOURS} h)`,
      fix: FIX.curStale(c.source),
    };
  const files = l ? `${l.dataFiles} data files, ` : "";
  return {
    ...base,
    status: "ok",
    detail: `${files}last refreshed ${Math.max(0, Math.round(age))} h ago`,
    fix: null,
  };
}

function principalStep(c: CurFacts): Step {
  const base = { id: "cur_iam_principal" as const };
  if (!c.source)
    return { ...base, status: "missing", detail: "no CUR export configured", fix: FIX.noCurConfigured };
  if (!c.period)
    return { ...base, status: "missing", detail: "the CUR has not been ingested yet", fix: FIX.notIngested };
  if (!c.period.hasIamPrincipal)
    return {
      ...base,
      status: "warning",
      detail: `period ${c.period.period} has no line_item_iam_principal column: spend cannot be attributed to callers`,
      fix: FIX.iamPrincipal,
    };
  return {
    ...base,
    status: "ok",
    detail: `period ${c.period.period} carries line_item_iam_principal`,
    fix: null,
  };
}

function tagsStep(c: CurFacts): Step | null {
  if (!c.period || c.taggedShare === null) return null;
  const base = { id: "cur_tags" as const };
  if (c.missingBudgetTags.length)
    return {
      ...base,
      status: "warning",
      detail: `budget tag keys ${c.missingBudgetTags.join(", ")} appear on no billed Bedrock line`,
      fix: FIX.tags(c.missingBudgetTags),
    };
  if (c.taggedShare === 0)
    return {
      ...base,
      status: "warning",
      detail: "no billed Bedrock line carries a cost-allocation tag",
      fix: FIX.tags([]),
    };
  return {
    ...base,
    status: "ok",
    detail: `${(c.taggedShare * 100).toFixed(1)}% of Bedrock cost carries a tag`,
    fix: null,
  };
}

export function curSteps(c: CurFacts, now: Date): Step[] {
  const tags = tagsStep(c);
  return [exportStep(c, now), principalStep(c), ...(tags ? [tags] : [])];
}

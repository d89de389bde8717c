import { daysBetween, isoDay } from "../../util/dates.js";
import { budgetAlert } from "../blocks/budgets.js";
import { collectionAlert, DATE_LABELS, type LifecycleDate, retirementAlert } from "../blocks/other.js";
import type { FailingUnit, FreshnessReport } from "../freshness.js";
import type { BudgetsView, DataGapView, IncidentView, LifecycleView } from "../outputs.js";
import type { SlackMessage } from "../types.js";

/**
 * Pure alert rules: views + now in, alerts out. Each alert has a key that is unique for what it
 * reports; the ledger posts each key once (docs/architecture.md §6 Slack).
 */
export interface Alert {
  key: string;
  kind: "budget" | "incident" | "gap" | "lifecycle" | "collection";
  message: SlackMessage;
  /** The incident this message reports (its message is updated in place afterwards). */
  incident?: IncidentView;
  /** The data gap this notice opens or closes. */
  gap?: { gap: DataGapView; state: "opened" | "closed" };
  /** Keys this message also covers: claimed with it, never posted on their own. */
  alsoClaims?: string[];
}

const budgetKey = (name: string, month: string, t: number, by: string) =>
  `budget:${name}:${month}:${t}:${by}`;

/**
 * Each budget × threshold × actual/forecast once per month. Thresholds crossed since the last run
 * make ONE message per budget (the highest actual one, plus the forecast's if higher); the lower
 * keys are claimed with it (`alsoClaims`) so they are never posted afterwards.
 */
export function budgetAlerts(out: BudgetsView, posted: ReadonlySet<string>): Alert[] {
  const alerts: Alert[] = [];
  for (const b of out.budgets) {
    const fresh = (by: "actual" | "forecast") =>
      b.thresholds
        .filter((t) => (by === "actual" ? t.crossedByActual : t.crossedByForecast))
        .map((t) => ({ t: t.threshold, key: budgetKey(b.name, out.month, t.threshold, by) }))
        .filter((k) => !posted.has(k.key))
        .sort((x, y) => y.t - x.t);
    const [actual, forecast] = [fresh("actual"), fresh("forecast")];
    const head = actual[0] ?? forecast[0];
    if (!head) continue;
    const by = actual[0] ? "actual" : "forecast";
    const higherForecast =
      actual[0] && forecast[0] && forecast[0].t > actual[0].t ? forecast[0].t : undefined;
    alerts.push({
      key: head.key,
      kind: "budget",
      message: budgetAlert(b, out.month, head.t, by, higherForecast),
      alsoClaims: [...actual, ...forecast].map((k) => k.key).filter((k) => k !== head.key),
    });
  }
  return alerts;
}

export const RETIREMENT_WARN_DAYS = [7, 14, 30] as const;

/** 30, 14 and 7 days before each lifecycle date: one warning per window (the nearest window only). */
export function lifecycleAlerts(out: LifecycleView, now: Date): Alert[] {
  const today = isoDay(now);
  const alerts: Alert[] = [];
  for (const m of out.models) {
    for (const which of Object.keys(DATE_LABELS) as LifecycleDate[]) {
      const at = m[which];
      if (!at) continue;
      const day = at.slice(0, 10);
      const left = daysBetween(today, day);
      const window = RETIREMENT_WARN_DAYS.find((w) => left > 0 && left <= w);
      if (!window) continue;
      alerts.push({
        key: `lifecycle:${m.modelId ?? m.model}:${which}:${day}:${window}d`,
        kind: "lifecycle",
        message: retirementAlert(m, which, day, left),
      });
    }
  }
  return alerts;
}

export const STALE_AFTER_MS = 24 * 3_600_000;

/** A failing unit that a data-gap notice already reports (with its fix): not alerted twice. */
function coveredByGap(f: FailingUnit, gaps: readonly DataGapView[]): boolean {
  return gaps.some(
    (g) =>
      g.source === f.unit.source &&
      (f.unit.account === null || g.account === f.unit.account) &&
      (g.region === null || g.region === f.unit.region),
  );
}

/**
 * Each failing unit once per episode (until it succeeds again), unless a data-gap notice covers
 * it; collection stale for more than a day once per episode.
 */
export function collectionAlerts(
  report: FreshnessReport,
  now: Date,
  gaps: readonly DataGapView[] = [],
): Alert[] {
  const alerts: Alert[] = [];
  for (const f of report.failing) {
    if (coveredByGap(f, gaps)) continue;
    alerts.push({
      key: `collection:failed:${f.episode}`,
      kind: "collection",
      message: collectionAlert(report, "failed", null, f),
    });
  }
  if (report.lastSuccessAt) {
    const age = now.getTime() - new Date(report.lastSuccessAt).getTime();
    if (age > STALE_AFTER_MS) {
      alerts.push({
        key: `collection:stale:${report.lastSuccessAt}`,
        kind: "collection",
        message: collectionAlert(report, "stale", age / 3_600_000),
      });
    }
  }
  return alerts;
}

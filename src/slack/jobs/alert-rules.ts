import { daysBetween, isoDay } from "../../util/dates.js";
import { anomalyGroupAlert, orderAnomalyGroup } from "../blocks/anomalies.js";
import { budgetAlert } from "../blocks/budgets.js";
import { collectionAlert, DATE_LABELS, type LifecycleDate, retirementAlert } from "../blocks/other.js";
import type { FreshnessReport } from "../freshness.js";
import type { AnomalyView, BudgetsView, LifecycleView } from "../outputs.js";
import type { SlackMessage } from "../types.js";

/**
 * Pure alert rules: views + now in, alerts out. Each alert has a key that is unique for what it
 * reports; the ledger posts each key once (docs/architecture.md §6 Slack).
 */
export interface Alert {
  key: string;
  kind: "budget" | "anomaly" | "lifecycle" | "collection";
  message: SlackMessage;
  /** The anomalies this message reports (recorded for triage with the message's ts). */
  anomalies?: AnomalyView[];
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

export const anomalyKey = (id: string) => `anomaly:${id}`;

/**
 * Each anomaly id once; anomalies on a muted dimension/key are left out. Anomalies of the same
 * day (or hour) and direction share ONE message: the lead's key posts it and the others' keys are
 * claimed with it, so every id is still in the ledger exactly once.
 */
export function anomalyAlerts(
  list: AnomalyView[],
  muted: Set<string>,
  muteId: (d: string, k: string | null) => string,
  posted: ReadonlySet<string> = new Set(),
): Alert[] {
  const groups = new Map<string, AnomalyView[]>();
  for (const a of list) {
    if (muted.has(muteId(a.dimension, a.key)) || posted.has(anomalyKey(a.id))) continue;
    const at = a.granularity === "hour" && a.hour ? a.hour : a.date;
    const g = `${a.granularity}|${at}|${a.direction}`;
    groups.set(g, [...(groups.get(g) ?? []), a]);
  }
  return [...groups.values()].map((g) => {
    const group = orderAnomalyGroup(g);
    return {
      key: anomalyKey(group[0].id),
      kind: "anomaly" as const,
      message: anomalyGroupAlert(group),
      anomalies: group,
      alsoClaims: group.slice(1).map((a) => anomalyKey(a.id)),
    };
  });
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

/** A failing collection (once per failure) or one stale for more than a day (once per episode). */
export function collectionAlerts(report: FreshnessReport, now: Date): Alert[] {
  const alerts: Alert[] = [];
  if (report.lastFailure) {
    alerts.push({
      key: `collection:failed:${report.lastFailure.id}`,
      kind: "collection",
      message: collectionAlert(report, "failed", null),
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

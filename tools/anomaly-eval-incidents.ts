import { detectAnomaliesCapability as cap } from "../src/capabilities/detect-anomalies.js";
import type { AnomalyOutput, Incident } from "../src/capabilities/detect-anomalies-schema.js";
import { parseConfig } from "../src/config.js";
import { openDb } from "../src/store/db.js";
import { silentLogger } from "../src/util/log.js";
import { generateOrgCase, type OrgCase, type OrgEvent } from "./anomaly-eval-org.js";
import { seedOrgStore } from "./anomaly-eval-store.js";

/**
 * Incident precision and recall of detect_anomalies on labelled organizations
 * (tools/anomaly-eval-org.ts), each written into a real SQLite store and answered by the real
 * capability with its default window. An incident is right when it points up, overlaps a labelled
 * event in time and names no other model/account/region; an event is found when an incident is
 * right about it. In scope: events at least 3× their narrowest series at the peak hour and ≥ $20
 * there. Coverage alerts: wrong incidents an incomplete day could cause (a drop — none is injected
 * —, the account without metrics, the unattributed principal bucket on an estimated day).
 */

export const CASES_PER_SEED = 6;

export interface IncidentFigures {
  seed: number;
  cases: number;
  gapCases: number;
  partialLogCases: number;
  events: number;
  inScope: number;
  foundInScope: number;
  foundAll: number;
  incidents: number;
  rightIncidents: number;
  coverageAlerts: number;
  /** Coverage-like anomalies outside every incident (not alerted, listed for detail). */
  coverageAnomalies: number;
  /** Events reported as more than one incident. */
  splitEvents: number;
  ms: number;
}

const IN_SCOPE_RATIO = 3;
const IN_SCOPE_USD = 20;

function matches(inc: Incident, e: OrgEvent): boolean {
  if (inc.direction !== "spike") return false;
  const named = (dim: string, key: string) =>
    inc.driverChain.every((l) => l.dimension !== dim || l.key === key);
  if (!named("model", e.model) || !named("account", e.account) || !named("region", e.region)) return false;
  if (inc.hours.length) return inc.hours.some((h) => e.hours.includes(h));
  const last = inc.end ?? "9999-12-31";
  return e.hours.some((h) => h.slice(0, 10) >= inc.start && h.slice(0, 10) <= last);
}

/** The anomalies an incomplete day could cause: a drop, the account without metrics, the unattributed bucket. */
function coverageLike(a: AnomalyOutput["anomalies"][number], c: OrgCase): boolean {
  return (
    a.source === "estimated" &&
    (a.direction === "drop" ||
      (a.dimension === "principal" && a.key === null) ||
      (c.gap !== null && a.dimension === "account" && a.key === c.gap.account))
  );
}

/** Wrong incidents (alerts) that coverage could explain: a drop, or built from coverage-like anomalies. */
function coverageAlerts(out: AnomalyOutput, c: OrgCase, right: Incident[]): number {
  const byId = new Map(out.anomalies.map((a) => [a.id, a]));
  return out.incidents.filter(
    (i) =>
      !right.includes(i) &&
      (i.direction === "drop" ||
        i.driverChain.some((l) => c.gap !== null && l.dimension === "account" && l.key === c.gap.account) ||
        i.anomalyIds.some((id) => {
          const a = byId.get(id);
          return a !== undefined && coverageLike(a, c);
        })),
  ).length;
}

export async function runOrgCase(c: OrgCase): Promise<{ out: AnomalyOutput; ms: number }> {
  const db = await openDb(":memory:");
  try {
    await seedOrgStore(db, c.store);
    const regions = (id: string) => [
      ...new Set(c.store.traffic.filter((t) => t.account === id).map((t) => t.region)),
    ];
    const config = parseConfig({
      accounts: c.store.accounts.map((a) => ({ ...a, externalId: "eval-ext", regions: regions(a.id) })),
    });
    const deps = { db, config, now: () => new Date(c.store.now), log: silentLogger };
    const t = performance.now();
    const out = await cap.run(deps, cap.inputSchema.parse({}));
    return { out, ms: performance.now() - t };
  } finally {
    await db.destroy();
  }
}

export function scoreCase(c: OrgCase, out: AnomalyOutput) {
  const right = out.incidents.filter((i) => c.events.some((e) => matches(i, e)));
  const found = c.events.map((e) => out.incidents.filter((i) => matches(i, e)).length);
  const inScope = c.events.map((e) => e.peakRatio >= IN_SCOPE_RATIO && e.peakImpactUsd >= IN_SCOPE_USD);
  return {
    events: c.events.length,
    inScope: inScope.filter(Boolean).length,
    foundInScope: found.filter((n, i) => n > 0 && inScope[i]).length,
    foundAll: found.filter((n) => n > 0).length,
    incidents: out.incidents.length,
    rightIncidents: right.length,
    coverageAlerts: coverageAlerts(out, c, right),
    coverageAnomalies: out.anomalies.filter((a) => a.incidentId === null && coverageLike(a, c)).length,
    splitEvents: found.filter((n) => n > 1).length,
  };
}

export async function evaluateIncidents(seed: number, cases = CASES_PER_SEED): Promise<IncidentFigures> {
  const f: IncidentFigures = {
    seed,
    cases,
    gapCases: 0,
    partialLogCases: 0,
    events: 0,
    inScope: 0,
    foundInScope: 0,
    foundAll: 0,
    incidents: 0,
    rightIncidents: 0,
    coverageAlerts: 0,
    coverageAnomalies: 0,
    splitEvents: 0,
    ms: 0,
  };
  for (let k = 0; k < cases; k++) {
    const c = generateOrgCase(seed * 1009 + k);
    const { out, ms } = await runOrgCase(c);
    const s = scoreCase(c, out);
    if (c.gap) f.gapCases++;
    if (c.store.logShare < 1 || c.store.logsFrom) f.partialLogCases++;
    for (const key of Object.keys(s) as (keyof typeof s)[]) f[key] += s[key];
    f.ms += ms;
  }
  return f;
}

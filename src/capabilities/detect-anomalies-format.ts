import { formatUsd } from "../util/table.js";
import type { AnomalyOutput } from "./detect-anomalies-schema.js";
import type { TableSection } from "./types.js";

/** How detect_anomalies reads in a terminal and in the MCP text block. */

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Days of the range without cost data were not evaluated: "0 anomalies" must not read as "all
 * normal" for them (the CUR lags a day or two; without CloudWatch estimates nothing fills it).
 */
function unevaluated(out: AnomalyOutput): string {
  if (!out.evaluatedThrough) return "";
  const { day, hour } = out.evaluatedThrough;
  if (day === null) return hour === null ? " (nothing evaluated: no cost data)" : "";
  return day < out.to ? ` (evaluated through ${day})` : "";
}

export function anomalySummary(out: AnomalyOutput): string {
  const counts = [
    plural(out.incidents.length, "incident", "incidents"),
    plural(out.dataGaps.length, "data gap", "data gaps"),
    plural(out.anomalies.length, "anomaly", "anomalies"),
  ].join(", ");
  const head = `${counts} ${out.from}..${out.to}${unevaluated(out)}`;
  const top = out.incidents[0];
  return top ? `${head}; largest: ${top.title}` : head;
}

/** The anomalies (every view, day and hour): the detail behind the incidents, and the CSV rows. */
export function anomalyTable(out: AnomalyOutput) {
  return {
    headers: [
      "date",
      "dimension",
      "key",
      "direction",
      "actual",
      "expected",
      "impact",
      "score",
      "source",
      "incident",
      "drivers",
    ],
    rows: out.anomalies.map((a) => [
      a.hour ?? a.date,
      a.dimension,
      a.key ?? "(all)",
      a.direction,
      formatUsd(a.actualUsd),
      formatUsd(a.expectedUsd),
      formatUsd(a.impactUsd),
      a.score.toFixed(1),
      a.source,
      a.incidentId ?? "—",
      a.drivers.map((d) => `${d.dimension}=${d.key ?? "—"} ${formatUsd(d.impactUsd)}`).join("; "),
    ]),
  };
}

/** The terminal view: incidents first, then data gaps, what estimated days could compare, then the detail. */
export function anomalySections(out: AnomalyOutput): TableSection[] {
  const partial = out.coverage.filter((c) => c.compared !== "full");
  return [
    {
      title: "Incidents",
      headers: ["incident", "start", "end", "peak", "impact", "source", "id"],
      rows: out.incidents.map((i) => [
        i.title,
        i.start,
        i.end ?? "ongoing",
        i.peak,
        formatUsd(i.impactUsd),
        i.source,
        i.id,
      ]),
    },
    {
      title: "Data gaps",
      headers: ["account", "region", "source", "since", "reason", "fix"],
      rows: out.dataGaps.map((g) => [
        g.accountName ? `${g.accountName} (${g.account})` : g.account,
        g.region ?? "(all)",
        g.source,
        g.since,
        g.reason,
        g.fix,
      ]),
    },
    {
      title: "Coverage of estimated days (where not compared in full)",
      headers: ["day", "dimension", "compared", "pct", "note"],
      rows: partial.map((c) => [
        c.day,
        c.dimension,
        c.compared,
        c.pct === null ? "—" : `${Math.round(c.pct * 100)}%`,
        c.note,
      ]),
    },
    { title: "Anomalies", ...anomalyTable(out) },
  ];
}

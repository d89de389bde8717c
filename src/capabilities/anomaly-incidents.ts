import {
  type Anomaly,
  buildIncidents,
  type ChainLink,
  type IncidentDraft,
  type IncidentOptions,
} from "../analyze/anomaly/index.js";
import { formatUsd } from "../util/table.js";
import { accountLabel } from "./anomaly-coverage.js";
import type { DriverLink, Incident } from "./detect-anomalies-schema.js";

/** Incidents as detect_anomalies returns them: the pure grouping plus labels and a one-line title. */

/** `arn:aws:sts::1111:assumed-role/Agents/loop-runner` → `Agents/loop-runner`. */
export function principalLabel(arn: string): string {
  const resource = arn.split(":").slice(5).join(":");
  const path = resource.replace(/^(assumed-role|user|role)\//, "");
  return path || arn;
}

function label(l: ChainLink, names: ReadonlyMap<string, string>): DriverLink {
  if (l.dimension === "account") return { ...l, label: accountLabel(l.key, names) };
  if (l.dimension === "principal") return { ...l, label: principalLabel(l.key) };
  return { ...l };
}

function subject(chain: DriverLink[]): string {
  const get = (d: string) => chain.find((l) => l.dimension === d);
  const [model, account, region, principal] = ["model", "account", "region", "principal"].map(get);
  const tags = chain
    .filter((l) => l.dimension.startsWith("tag:"))
    .map((l) => `${l.dimension.slice(4)}=${l.key}`);
  const where = [account ? `in ${account.label}` : null, region?.key].filter(Boolean).join(" ");
  const parts = [
    model?.key ?? (where ? "Bedrock spend" : "total Bedrock spend"),
    where,
    principal ? `by ${principal.label}` : null,
    ...tags,
  ];
  return parts.filter(Boolean).join(" ");
}

function span(d: IncidentDraft): string {
  const ongoing = d.end === null ? ", ongoing" : "";
  if (d.granularity === "hour") return `over ${d.hours.length} h${ongoing}`;
  if (d.buckets === 1) return `on ${d.start}${ongoing}`;
  return `over ${d.buckets} days from ${d.start}${ongoing}`;
}

export function incidentTitle(d: IncidentDraft, chain: DriverLink[]): string {
  const sign = d.impactUsd >= 0 ? "+" : "−";
  const head = d.direction === "spike" ? "Spike" : "Drop";
  return `${head}: ${subject(chain)}, ${sign}${formatUsd(Math.abs(d.impactUsd))} ${span(d)}`;
}

export function incidentsOf(
  anomalies: Anomaly[],
  chains: ReadonlyMap<string, ChainLink[]>,
  opts: IncidentOptions,
  names: ReadonlyMap<string, string>,
): { incidents: Incident[]; incidentOf: Map<string, string> } {
  const own = (a: Anomaly): ChainLink[] =>
    a.dimension === "total" || a.key === null ? [] : [{ dimension: a.dimension, key: a.key }];
  const members = anomalies.map((a) => ({ anomaly: a, chain: chains.get(a.id) ?? own(a) }));
  const { incidents, incidentOf } = buildIncidents(members, opts);
  return {
    incidents: incidents.map(({ buckets: _b, driverChain, ...d }) => {
      const chain = driverChain.map((l) => label(l, names));
      return { ...d, title: incidentTitle({ ...d, buckets: _b, driverChain }, chain), driverChain: chain };
    }),
    incidentOf,
  };
}

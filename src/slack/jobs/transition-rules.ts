import { compatibleChains, identityLinks, MAX_HOUR_GAP } from "../../analyze/anomaly/index.js";
import type { SlackIncidentRow } from "../../store/queries/slack-incidents.js";
import { incidentAlert } from "../blocks/incidents.js";
import type { BillingOutcome, IncidentView, StoredIncident } from "../outputs.js";
import { type IncidentUpdate, incidentFingerprint, incidentKey } from "./incident-rules.js";

/**
 * Pure rules for an incident message across the estimate → bill transition. The CUR bills a day
 * 1–2 days late; from then on the hourly (estimated) view of that day leaves detect_anomalies'
 * window and the daily billed view takes its place. Usually the incident keeps its id (same
 * direction, start day and identity chain). When it does not, the message already posted is
 * still the one that speaks for the event:
 *
 * - continuation: a new incident that overlaps a posted one whose start is billed now (same
 *   direction and model/account/region) is drawn into that message, never posted on its own;
 * - settlement: a posted estimated incident that no longer shows once every day of it is billed is
 *   redrawn once with what the bill says: confirmed (the billed excess still reaches the floor) or
 *   billed below the alert floor (the estimate overstated it).
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const dayOf = (at: string) => at.slice(0, 10);
const labelMs = (l: string) => Date.parse(l.length > 10 ? `${l.slice(0, 13)}:00:00Z` : `${l}T00:00:00Z`);
/** The instant the bucket `l` (an hour or a day) ends. */
const bucketEndMs = (l: string) => labelMs(l) + (l.length > 10 ? HOUR_MS : DAY_MS);

/** The last day an incident's buckets touch (its end, its last hour, or its start). */
export function lastDayOf(i: IncidentView): string {
  return dayOf(i.end ?? i.hours.at(-1) ?? i.start);
}

/** How far the incident's evidence reaches in time, and whether it is still going. */
function reach(i: IncidentView): { ms: number; ongoing: boolean } {
  const labels = [i.start, ...i.hours, ...(i.end ? [i.end] : [])];
  return { ms: Math.max(...labels.map(bucketEndMs)), ongoing: i.end === null };
}

function days(i: IncidentView): [string, string] {
  return [dayOf(i.start), lastDayOf(i)];
}

/** Close in time: hours at most MAX_HOUR_GAP apart when both have hours, else overlapping days. */
export function overlaps(a: IncidentView, b: IncidentView): boolean {
  if (a.hours.length && b.hours.length)
    return a.hours.some((h) =>
      b.hours.some((k) => Math.abs(labelMs(h) - labelMs(k)) <= MAX_HOUR_GAP * HOUR_MS),
    );
  const [af, at] = days(a);
  const [bf, bt] = days(b);
  return af <= bt && bf <= at;
}

/** The same model/account/region (compatible, at least one link shared, or both the total). */
function sameSubject(a: IncidentView, b: IncidentView): boolean {
  const [x, y] = [identityLinks(a.driverChain), identityLinks(b.driverChain)];
  if (!compatibleChains(x, y)) return false;
  if (!x.length || !y.length) return x.length === y.length;
  return x.some((l) => y.some((k) => k.dimension === l.dimension && k.key === l.key));
}

export interface PostedIncident {
  /** What the message shows (slack_incident.incident_json). */
  view: StoredIncident;
  row: SlackIncidentRow;
}

export interface TransitionPlan {
  /** Current incident id → the posted incident whose message speaks for it. */
  continued: Map<string, PostedIncident>;
  /** Messages to redraw with a continuation's figures (under the posted incident's id). */
  updates: IncidentUpdate[];
  /** Posted estimated incidents gone from detection now that all their days are billed. */
  settle: PostedIncident[];
}

export interface TransitionInput {
  incidents: readonly IncidentView[];
  /** Incident messages drawn recently (posted ones only count). */
  posted: readonly PostedIncident[];
  postedKeys: ReadonlySet<string>;
  /** The CUR's billedThrough (null: no bill yet, so no transition). */
  through: string | null;
  /** First day detect_anomalies looked at: an incident starting earlier may just have left it. */
  windowFrom: string;
}

function continuationUpdate(x: IncidentView, p: PostedIncident): IncidentUpdate | null {
  const [now, was] = [reach(x), reach(p.view)];
  const billedNow = x.source === "billed" && p.view.source === "estimated";
  if (!billedNow && now.ms <= was.ms && now.ongoing === was.ongoing) return null;
  const drawn: IncidentView = { ...x, id: p.view.id };
  const fingerprint = incidentFingerprint(drawn);
  if (p.row.fingerprint === fingerprint) return null;
  return { incident: drawn, message: incidentAlert(drawn, p.row.state, p.row.updated_by), fingerprint };
}

export function planTransitions(t: TransitionInput): TransitionPlan {
  const current = new Set(t.incidents.map((i) => i.id));
  const absent = t.posted.filter((p) => t.postedKeys.has(incidentKey(p.view.id)) && !current.has(p.view.id));
  const continued = new Map<string, PostedIncident>();
  const taken = new Set<string>();
  const fresh = t.incidents
    .filter((i) => !t.postedKeys.has(incidentKey(i.id)))
    .sort((a, b) => Math.abs(b.impactUsd) - Math.abs(a.impactUsd));
  for (const x of fresh) {
    const p = absent
      .filter(
        (c) =>
          !taken.has(c.view.id) &&
          t.through !== null &&
          dayOf(c.view.start) <= t.through &&
          c.view.direction === x.direction &&
          sameSubject(c.view, x) &&
          overlaps(c.view, x),
      )
      .sort((a, b) => (a.view.start < b.view.start ? 1 : -1))[0];
    if (!p) continue;
    continued.set(x.id, p);
    taken.add(p.view.id);
  }
  const updates: IncidentUpdate[] = [];
  for (const [id, p] of continued) {
    const x = t.incidents.find((i) => i.id === id);
    const u = x && continuationUpdate(x, p);
    if (u) updates.push(u);
  }
  const settle = absent.filter(
    (p) =>
      !taken.has(p.view.id) &&
      t.through !== null &&
      p.view.source === "estimated" &&
      p.view.end !== null &&
      dayOf(p.view.start) >= t.windowFrom &&
      lastDayOf(p.view) <= t.through,
  );
  return { continued, updates, settle };
}

/**
 * What the bill says about an estimated incident: its billed excess is the estimated one corrected
 * by what the CUR billed beyond (or short of) the estimate for the same model/account/region and
 * days. Confirmed when that still reaches the floor in the incident's direction.
 */
export function billingOutcome(
  i: IncidentView,
  spend: { billedUsd: number; estimatedUsd: number },
  floorUsd: number,
): BillingOutcome {
  const impactUsd = i.impactUsd + (spend.billedUsd - spend.estimatedUsd);
  const sameWay = Math.sign(impactUsd) === Math.sign(i.impactUsd);
  const [from, to] = days(i);
  return {
    kind: sameWay && Math.abs(impactUsd) >= floorUsd ? "confirmed" : "below_floor",
    from,
    to,
    ...spend,
    impactUsd,
    estimatedImpactUsd: i.impactUsd,
    floorUsd,
  };
}

/** The settled message, when it differs from what is shown (the triage outcome stays on it). */
export function settlementUpdate(p: PostedIncident, billing: BillingOutcome): IncidentUpdate | null {
  const drawn: StoredIncident = { ...p.view, billing };
  const fingerprint = incidentFingerprint(drawn);
  if (p.row.fingerprint === fingerprint) return null;
  return { incident: drawn, message: incidentAlert(drawn, p.row.state, p.row.updated_by), fingerprint };
}

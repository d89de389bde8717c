import { addDays, eachDay } from "../src/util/dates.js";
import { gauss, prng } from "./anomaly-eval-data.js";
import {
  type Cell,
  cellsOf,
  hourLabel,
  pick,
  shape,
  usdPerToken,
  weighted,
} from "./anomaly-eval-org-cells.js";
import type { MetricGap, OrgStore, TrafficHour } from "./anomaly-eval-store.js";

/**
 * Labelled synthetic ORGANIZATIONS for the incident evaluation (seeded): 2–4 accounts in 1–2
 * regions, 1–3 models per account/region, 1–3 principals per account, each cell with its own level,
 * daily shape, weekend factor and Gaussian noise (3–20%); invocation logs carry 5–100% of requests
 * (in some, logging was turned on only days ago); half the cases lack metrics for one
 * account/region (denied from the start, or stopped on an estimated day); most cases hold one or
 * two runaways (a cell or one principal ×1.5–×20 for 1–6 hours) on the estimated days.
 */

export interface OrgEvent {
  account: string;
  region: string;
  model: string;
  principal: string | null;
  factor: number;
  hours: string[];
  /** Extra USD per hour at the peak and over the event (list price × extra tokens). */
  peakImpactUsd: number;
  totalImpactUsd: number;
  /** (clean + extra) / clean at the peak hour in the narrowest metric series holding the event. */
  peakRatio: number;
}

export interface OrgCase {
  seed: number;
  store: OrgStore;
  events: OrgEvent[];
  /** The account/region without metrics (null: none). */
  gap: MetricGap | null;
  noise: number;
}

export const EVAL_NOW_HOUR = 11;
const DAYS = 35;
export function generateOrgCase(seed: number): OrgCase {
  const rand = prng(seed);
  const accounts = Array.from({ length: 2 + Math.floor(rand() * 3) }, (_, i) =>
    `${i + 1}${String(seed).padStart(11, "0")}`.slice(0, 12),
  );
  const cells = cellsOf(rand, accounts);
  const today = addDays("2026-11-02", Math.floor(rand() * 28));
  const firstEstimated = addDays(today, -1);
  const lastHour = hourLabel(today, EVAL_NOW_HOUR - 1);
  const noise = rand() < 0.25 ? 0.12 + rand() * 0.08 : 0.03 + rand() * 0.09;
  const ars = [...new Set(cells.map((c) => `${c.account}|${c.region}`))];
  const gapAr = rand() < 0.5 ? pick(rand, ars).split("|") : null;
  const gap: MetricGap | null = gapAr
    ? rand() < 0.5
      ? {
          account: gapAr[0],
          region: gapAr[1],
          through: null,
          errorName: "AccessDenied",
          since: `${addDays(today, -DAYS)}T06:05:00Z`,
        }
      : {
          account: gapAr[0],
          region: gapAr[1],
          through: hourLabel(firstEstimated, Math.floor(rand() * 24)),
          errorName: pick(rand, ["AccessDenied", "ThrottlingException"]),
          since: `${firstEstimated}T12:05:00Z`,
        }
    : null;
  const covered = cells.filter((c) => !(gap && c.account === gap.account && c.region === gap.region));
  const eventCount = rand() < 0.2 ? 0 : rand() < 0.7 ? 1 : 2;
  const events: { cell: Cell; principal: string | null; factor: number; hours: string[] }[] = [];
  for (let k = 0; k < eventCount && covered.length; k++) {
    const cell = weighted(rand, covered);
    const length = 1 + Math.floor(rand() * 6);
    const start = Math.floor(rand() * (24 + EVAL_NOW_HOUR - length));
    const hours = Array.from({ length }, (_, i) => {
      const at = start + i;
      return at < 24 ? hourLabel(firstEstimated, at) : hourLabel(today, at - 24);
    });
    const principal = rand() < 0.4 ? pick(rand, cell.principals)[0] : null;
    events.push({ cell, principal, factor: pick(rand, [1.5, 2, 3, 4, 6, 10, 20]), hours });
  }
  const logShare = pick(rand, [0.05, 0.1, 0.2, 0.5, 1]);
  // Logging turned on recently in some organizations: principals appear that the weeks before lacked.
  const logsFrom =
    rand() < 0.15 ? hourLabel(addDays(today, -Math.floor(rand() * 10)), Math.floor(rand() * 24)) : undefined;
  return build(seed, rand, { cells, events, today, lastHour, noise, gap, logShare, logsFrom });
}

function build(
  seed: number,
  rand: () => number,
  o: {
    cells: Cell[];
    events: { cell: Cell; principal: string | null; factor: number; hours: string[] }[];
    today: string;
    lastHour: string;
    noise: number;
    gap: MetricGap | null;
    logShare: number;
    logsFrom?: string;
  },
): OrgCase {
  const traffic: TrafficHour[] = [];
  const firstDay = addDays(o.today, -DAYS);
  const clean = new Map<string, number>();
  const extra = new Map<string, number>();
  for (const day of eachDay(firstDay, o.today))
    for (let h = 0; h < 24; h++) {
      const hour = hourLabel(day, h);
      if (hour > o.lastHour) break;
      for (const c of o.cells) {
        const usd = c.peakUsd * shape(c, hour) * Math.max(0.05, 1 + o.noise * gauss(rand));
        for (const [principal, w] of c.principals) {
          const ev = o.events.find(
            (e) => e.cell === c && e.hours.includes(hour) && (!e.principal || e.principal === principal),
          );
          const f = ev ? ev.factor : 1;
          const input = Math.round((usd * w * f) / usdPerToken(c.model, c.outRatio));
          const key = `${c.account}|${c.region}|${c.model.model}|${hour}`;
          clean.set(key, (clean.get(key) ?? 0) + usd * w);
          if (ev)
            extra.set(
              `${key}|${o.events.indexOf(ev)}`,
              (extra.get(`${key}|${o.events.indexOf(ev)}`) ?? 0) + usd * w * (f - 1),
            );
          traffic.push({
            hour,
            account: c.account,
            region: c.region,
            modelId: c.model.modelId,
            principal,
            input,
            output: Math.round(input * c.outRatio),
          });
        }
      }
    }
  const events = o.events.map((e, i) => label(e, i, o.cells, clean, extra));
  const store: OrgStore = {
    traffic,
    accounts: [...new Set(o.cells.map((c) => c.account))].map((id, i) => ({
      id,
      name: `acct-${i + 1}`,
      roleArn: `arn:aws:iam::${id}:role/BedrockSpendReadOnly`,
    })),
    firstDay,
    billedThrough: addDays(o.today, -2),
    lastHour: o.lastHour,
    now: `${o.today}T${String(EVAL_NOW_HOUR).padStart(2, "0")}:30:00Z`,
    logShare: o.logShare,
    ...(o.logsFrom ? { logsFrom: o.logsFrom } : {}),
    gaps: o.gap ? [o.gap] : [],
  };
  return { seed, store, events, gap: o.gap, noise: o.noise };
}

/** The event's size where the detector can see it: its peak hour in the narrowest series that holds it. */
function label(
  e: { cell: Cell; principal: string | null; factor: number; hours: string[] },
  i: number,
  cells: Cell[],
  clean: Map<string, number>,
  extra: Map<string, number>,
): OrgEvent {
  const c = e.cell;
  const at = (h: string) => extra.get(`${c.account}|${c.region}|${c.model.model}|${h}|${i}`) ?? 0;
  const peak = e.hours.reduce((p, h) => (at(h) > at(p) ? h : p));
  const view = (f: (x: Cell) => boolean) =>
    cells
      .filter(f)
      .reduce((s, x) => s + (clean.get(`${x.account}|${x.region}|${x.model.model}|${peak}`) ?? 0), 0);
  const narrowest = Math.min(
    view((x) => x.model.model === c.model.model),
    view((x) => x.account === c.account),
    view((x) => x.region === c.region),
  );
  return {
    account: c.account,
    region: c.region,
    model: c.model.model,
    principal: e.principal,
    factor: e.factor,
    hours: e.hours,
    peakImpactUsd: at(peak),
    totalImpactUsd: e.hours.reduce((s, h) => s + at(h), 0),
    peakRatio: (narrowest + at(peak)) / Math.max(narrowest, 1e-9),
  };
}

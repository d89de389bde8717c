import { describe, expect, it } from "vitest";
import {
  type Anomaly,
  anomalyId,
  buildIncidents,
  type ChainLink,
  driverChain,
  type IncidentMember,
} from "../../../src/analyze/anomaly/index.js";

const M = { dimension: "model", key: "Claude Sonnet 4.6" };
const A = { dimension: "account", key: "333333333333" };
const B = { dimension: "account", key: "111111111111" };
const R = { dimension: "region", key: "us-east-1" };
const P = { dimension: "principal", key: "arn:aws:sts::333333333333:assumed-role/Agents/loop" };
const RUNAWAY = [M, A, R];

type View = Pick<Anomaly, "dimension" | "key">;
const total: View = { dimension: "total", key: null };
const model: View = { dimension: "model", key: M.key };
const account: View = { dimension: "account", key: A.key };
const region: View = { dimension: "region", key: R.key };

/** One anomaly of `view` in an hour (or a day), `impact` over an `expected` that grows with the view's breadth. */
function member(
  view: View,
  at: string,
  impact: number,
  chain: ChainLink[],
  o: { expected?: number; direction?: "spike" | "drop" } = {},
): IncidentMember {
  const hour = at.length > 10 ? at : undefined;
  const expected =
    o.expected ?? { total: 400, model: 60, account: 90, region: 250, principal: 20 }[view.dimension];
  const direction = o.direction ?? (impact > 0 ? "spike" : "drop");
  const base = {
    ...view,
    date: at.slice(0, 10),
    ...(hour ? { hour } : {}),
    granularity: hour ? ("hour" as const) : ("day" as const),
    direction,
  };
  return {
    anomaly: {
      id: anomalyId(base),
      ...base,
      actualUsd: expected + impact,
      expectedUsd: expected,
      impactUsd: impact,
      score: 20,
      source: "estimated",
      baseline: "seasonal",
      drivers: [],
    },
    chain,
  };
}

const h = (hh: number) => `2026-11-16T${String(hh).padStart(2, "0")}:00Z`;
const OPTS = { minImpactUsd: 20, minImpactPct: 0.1, lastHour: h(11), lastDay: "2026-11-16" };

/** A 4-hour runaway seen through total, model, account and region each hour, plus the day. */
function runaway(hours = [3, 4, 5, 6]): IncidentMember[] {
  const out: IncidentMember[] = [];
  for (const hh of hours)
    for (const v of [total, model, account, region]) out.push(member(v, h(hh), 100 + hh, RUNAWAY));
  for (const v of [total, model, account]) out.push(member(v, "2026-11-16", 430, RUNAWAY));
  return out;
}

describe("buildIncidents", () => {
  it("one runaway seen through 4 views × 4 hours and its day is one incident, impact counted once", () => {
    const ms = runaway();
    const { incidents, incidentOf } = buildIncidents(ms, OPTS);
    expect(incidents).toHaveLength(1);
    const inc = incidents[0];
    expect(inc).toMatchObject({
      start: h(3),
      end: h(6),
      peak: h(6),
      granularity: "hour",
      direction: "spike",
      source: "estimated",
      driverChain: RUNAWAY,
      hours: [h(3), h(4), h(5), h(6)],
    });
    // Each hour counted once, through its narrowest view (the model series): 103+104+105+106.
    expect(inc.impactUsd).toBe(418);
    expect(inc.expectedUsd).toBe(240);
    expect(inc.anomalyIds.sort()).toEqual(ms.map((m) => m.anomaly.id).sort());
    expect([...incidentOf.values()].every((id) => id === inc.id)).toBe(true);
  });

  it("keeps the id while hours are added, and says ongoing while the last evaluated hour is anomalous", () => {
    const early = buildIncidents(runaway([3, 4]), { ...OPTS, lastHour: h(4) }).incidents[0];
    const later = buildIncidents(runaway([3, 4, 5, 6]), { ...OPTS, lastHour: h(7) }).incidents[0];
    expect(early.end).toBeNull();
    expect(later.end).toBe(h(6));
    expect(later.id).toBe(early.id);
    // A principal named later (invocation logs arrive late) does not change it either.
    const withPrincipal = runaway([3, 4, 5, 6]).map((m) =>
      m.anomaly.hour === h(6) ? { ...m, chain: [...RUNAWAY, P] } : m,
    );
    expect(buildIncidents(withPrincipal, OPTS).incidents[0].id).toBe(early.id);
  });

  it("splits events that name different accounts, directions or times; a quiet hour inside a loop does not split it", () => {
    const ms = [
      ...[3, 4].map((hh) => member(account, h(hh), 80, [M, A])),
      ...[3, 4].map((hh) => member({ dimension: "account", key: B.key }, h(hh), 70, [M, B])),
      member(account, h(9), -60, [A]),
      ...[3, 5].map((hh) => member(region, h(hh), 50, [R])),
    ];
    const { incidents } = buildIncidents(ms, { ...OPTS, lastHour: h(11) });
    const chains = incidents.map((i) => [i.direction, i.driverChain.map((l) => l.key).join(","), i.hours]);
    expect(chains).toEqual(
      expect.arrayContaining([
        ["spike", `${M.key},${A.key},${R.key}`, [h(3), h(4), h(5)]],
        ["spike", `${M.key},${B.key}`, [h(3), h(4)]],
        ["drop", A.key, [h(9)]],
      ]),
    );
    expect(incidents).toHaveLength(3);
    expect(new Set(incidents.map((i) => i.id)).size).toBe(3);
  });

  it("an unexplained total joins the largest event it touches instead of bridging two", () => {
    const ms = [
      member(account, h(3), 200, [M, A]),
      member({ dimension: "account", key: B.key }, h(3), 40, [{ dimension: "model", key: "Nova Pro" }, B]),
      member(total, h(3), 240, []),
    ];
    const { incidents, incidentOf } = buildIncidents(ms, OPTS);
    expect(incidents).toHaveLength(2);
    expect(incidentOf.get(ms[2].anomaly.id)).toBe(incidentOf.get(ms[0].anomaly.id));
    expect(incidents[0].impactUsd).toBe(200);
  });

  it("day-only events: consecutive days are one, ranked by impact, below either floor → no incident", () => {
    const ms = [
      member(model, "2026-11-10", 300, [M]),
      member(model, "2026-11-11", 250, [M]),
      member(total, "2026-11-11", 260, [M]),
      member(account, "2026-11-14", 25, [A], { expected: 900 }),
      member(region, "2026-11-16", 500, [R]),
    ];
    const { incidents, incidentOf } = buildIncidents(ms, OPTS);
    expect(incidents.map((i) => [i.start, i.end, i.granularity, i.impactUsd])).toEqual([
      ["2026-11-10", "2026-11-11", "day", 550],
      ["2026-11-16", null, "day", 500],
    ]);
    // $25 over $900 expected is under the 10% relative floor: its anomaly has no incident.
    expect(incidentOf.has(ms[3].anomaly.id)).toBe(false);
    expect(buildIncidents(ms, { ...OPTS, minImpactPct: 0 }).incidents).toHaveLength(3);
  });

  it("two bursts of the same chain on one day get distinct ids", () => {
    const ms = [member(model, h(2), 90, [M]), member(model, h(9), 90, [M])];
    const { incidents } = buildIncidents(ms, OPTS);
    expect(incidents).toHaveLength(2);
    expect(incidents[0].id).not.toBe(incidents[1].id);
  });
});

describe("driverChain", () => {
  const dims = (changes: Record<string, [string | null, number][]>) =>
    Object.entries(changes).map(([dimension, list]) => ({
      dimension: dimension as "model",
      changes: list.map(([key, change]) => ({ key, change })),
    }));

  it("keeps the keys that carry most of the impact, principal against the attributed part", () => {
    const chain = driverChain(
      { dimension: "total", key: null },
      400,
      dims({
        model: [[M.key, 390]],
        account: [[A.key, 395]],
        region: [
          [R.key, 150],
          ["us-west-2", 140],
        ],
        // 20% of requests logged: the unattributed bucket carries most, the loop principal the rest.
        principal: [
          [null, 320],
          [P.key, 78],
        ],
        token_type: [["output", 300]],
      }),
    );
    expect(chain).toEqual([M, A, P]);
    expect(driverChain({ dimension: "account", key: A.key }, 100, dims({ model: [[M.key, 40]] }))).toEqual([
      A,
    ]);
  });
});

describe("buildIncidents: an event over two regions", () => {
  it("the partial view (one region) joins the event but its region is not the event's", () => {
    const WEST = { dimension: "region", key: "us-west-2" };
    const ms = [
      member(model, "2026-11-10", 180, [M, A]),
      member(account, "2026-11-10", 178, [M, A]),
      member({ dimension: "region", key: WEST.key }, "2026-11-10", 60, [M, A, WEST]),
    ];
    const { incidents } = buildIncidents(ms, OPTS);
    expect(incidents).toHaveLength(1);
    expect(incidents[0].driverChain).toEqual([M, A]);
    expect(incidents[0].anomalyIds).toHaveLength(3);
  });
});

describe("buildIncidents: consecutive days", () => {
  it("two days whose hours show two separate loops are two incidents; a day without hours continues one", () => {
    const evening = [20, 21].map((hh) => member(model, `2026-11-15T${hh}:00Z`, 80, RUNAWAY));
    const morning = [9, 10].map((hh) => member(model, h(hh), 80, RUNAWAY));
    const days = [member(model, "2026-11-15", 160, RUNAWAY), member(model, "2026-11-16", 160, RUNAWAY)];
    expect(buildIncidents([...evening, ...morning, ...days], OPTS).incidents).toHaveLength(2);
    expect(buildIncidents([...evening, ...days], OPTS).incidents).toHaveLength(1);
  });
});

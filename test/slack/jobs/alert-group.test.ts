import { describe, expect, it } from "vitest";
import { anomalyAlert } from "../../../src/slack/blocks/anomalies.js";
import { anomalyAlerts } from "../../../src/slack/jobs/alert-rules.js";
import type { AnomalyView } from "../../../src/slack/outputs.js";
import { muteId } from "../../../src/store/queries/slack.js";
import { outputOf } from "../../helpers/slack-deps.js";
import { expectWithinSlackLimits } from "../../helpers/slack-limits.js";

const BOB = "arn:aws:sts::333333333333:assumed-role/Researchers/bob@example.com";

/** Checked against detect_anomalies' real output schema. */
const oneAnomaly = (a: AnomalyView) =>
  outputOf("detect_anomalies", { from: "2026-11-04", to: "2026-11-10", notes: [], anomalies: [a] })
    .anomalies[0];

const spike = (
  dimension: AnomalyView["dimension"],
  key: string | null,
  impactUsd: number,
  over: Partial<AnomalyView> = {},
): AnomalyView =>
  oneAnomaly({
    id: `a-2026-11-10-${dimension}-${key ?? "all"}`,
    date: "2026-11-10",
    granularity: "day",
    dimension,
    key,
    direction: "spike",
    actualUsd: 100 + impactUsd,
    expectedUsd: 100,
    impactUsd,
    score: 9,
    source: "billed",
    baseline: "seasonal",
    incidentId: null,
    drivers: [
      { dimension: "principal", key: BOB, impactUsd: 1400 },
      { dimension: "token_type", key: "output", impactUsd: 1400 },
    ],
    ...over,
  });

/** One runaway day as detect_anomalies reports it: the same spike in five dimensions. */
const fiveWays = [
  spike("principal", BOB, 1400),
  spike("region", "eu-central-1", 1410),
  spike("model", "Claude Sonnet 4.6", 1390),
  spike("account", "333333333333", 1420),
  spike("total", null, 1450),
];

describe("anomaly alerts are grouped by day/hour and direction", () => {
  it("one spike in five dimensions is ONE alert keyed by the total, claiming the other four ids", () => {
    const alerts = anomalyAlerts(fiveWays, new Set(), muteId);
    expect(alerts).toHaveLength(1);
    const [a] = alerts;
    expect(a.key).toBe("anomaly:a-2026-11-10-total-all");
    expect(a.alsoClaims?.sort()).toEqual(
      fiveWays
        .filter((x) => x.dimension !== "total")
        .map((x) => `anomaly:${x.id}`)
        .sort(),
    );
    expect(a.anomalies?.map((x) => x.dimension)).toEqual([
      "total",
      "account",
      "region",
      "model",
      "principal",
    ]);
    expect(a.message.text).toMatch(/^Bedrock spend spike 2026-11-10 in 5 series, on total/);
    const body = JSON.stringify(a.message.blocks);
    for (const label of [
      "*total*",
      "account `333333333333`",
      "region `eu-central-1`",
      "Claude Sonnet 4.6",
      "bob@example.com",
    ])
      expect(body).toContain(label);
    // Drivers listed once each, not once per dimension.
    expect(body.match(/token_type `output`/g)).toHaveLength(1);
    // One set of buttons, carrying the lead id.
    const actions = a.message.blocks.filter((b) => b.type === "actions");
    expect(actions).toHaveLength(1);
    expect(JSON.stringify(actions[0])).toContain('"value":"a-2026-11-10-total-all"');
    expectWithinSlackLimits(a.message);
  });

  it("different days, hours or directions stay apart; a lone anomaly renders as before", () => {
    const drop = spike("model", "Nova Pro", -80, { id: "d1", direction: "drop" });
    const nextDay = spike("total", null, 900, { id: "n1", date: "2026-11-11" });
    const hourly = [
      spike("total", null, 300, { id: "h1", granularity: "hour", hour: "2026-11-10T14" }),
      spike("model", "Nova Pro", 290, { id: "h2", granularity: "hour", hour: "2026-11-10T14" }),
      spike("total", null, 200, { id: "h3", granularity: "hour", hour: "2026-11-10T15" }),
    ];
    const alerts = anomalyAlerts([...fiveWays, drop, nextDay, ...hourly], new Set(), muteId);
    expect(alerts.map((a) => [a.key, a.anomalies?.length])).toEqual([
      ["anomaly:a-2026-11-10-total-all", 5],
      ["anomaly:d1", 1],
      ["anomaly:n1", 1],
      ["anomaly:h1", 2],
      ["anomaly:h3", 1],
    ]);
    expect(alerts[1].message).toEqual(anomalyAlert(drop));
    expect(alerts[1].alsoClaims).toEqual([]);
  });

  it("already posted and muted series are left out of the group", () => {
    const posted = new Set(["anomaly:a-2026-11-10-total-all"]);
    const muted = new Set([muteId("principal", BOB)]);
    const [a, ...rest] = anomalyAlerts(fiveWays, muted, muteId, posted);
    expect(rest).toEqual([]);
    expect(a.key).toBe("anomaly:a-2026-11-10-account-333333333333");
    expect(a.anomalies?.map((x) => x.dimension)).toEqual(["account", "region", "model"]);
    expect(
      anomalyAlerts(fiveWays, new Set(), muteId, new Set(fiveWays.map((x) => `anomaly:${x.id}`))),
    ).toEqual([]);
  });
});

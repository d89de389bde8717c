import { describe, expect, it } from "vitest";
import { chainKey } from "../../../src/slack/blocks/incident-parts.js";
import { collectionAlerts } from "../../../src/slack/jobs/alert-rules.js";
import { gapAlerts, gapKey } from "../../../src/slack/jobs/gap-rules.js";
import {
  INCIDENT_MUTE_DIMENSION,
  incidentAlerts,
  incidentFingerprint,
  incidentKey,
  incidentUpdates,
  isNews,
} from "../../../src/slack/jobs/incident-rules.js";
import type { IncidentView } from "../../../src/slack/outputs.js";
import { muteId } from "../../../src/store/queries/slack.js";
import type { DataGapRow, SlackIncidentRow } from "../../../src/store/queries/slack-incidents.js";
import { NOW, outputOf } from "../../helpers/slack-deps.js";
import * as f from "../../helpers/slack-fixtures.js";
import { expectWithinSlackLimits } from "../../helpers/slack-limits.js";

const out = outputOf("detect_anomalies", f.anomalies);
const [billed, hourly] = out.incidents;
const gap = out.dataGaps[0];

const row = (i: IncidentView, over: Partial<SlackIncidentRow> = {}): SlackIncidentRow => ({
  incident_id: i.id,
  state: "open",
  incident_json: JSON.stringify(i),
  fingerprint: incidentFingerprint(i),
  mute_key: chainKey(i.driverChain),
  updated_by: null,
  updated_at: NOW.toISOString(),
  ...over,
});

describe("incident alerts (pure)", () => {
  it("one alert per incident never posted, keyed by its id", () => {
    const alerts = incidentAlerts(out.incidents, new Set(), new Set());
    expect(alerts.map((a) => [a.key, a.kind, a.incident?.id])).toEqual([
      [incidentKey(billed.id), "incident", billed.id],
      [incidentKey(hourly.id), "incident", hourly.id],
    ]);
    for (const a of alerts) expectWithinSlackLimits(a.message);
    expect(
      incidentAlerts(out.incidents, new Set(), new Set([incidentKey(billed.id)])).map((a) => a.key),
    ).toEqual([incidentKey(hourly.id)]);
  });

  it("is news while ongoing or just over: estimated within 24 h of its last hour, billed on the last 3 billed days", () => {
    const now = new Date("2026-11-26T12:00:00Z");
    const est = (end: string | null): IncidentView => ({ ...hourly, source: "estimated", end });
    expect(isNews(est(null), now, "2026-11-24")).toBe(true);
    expect(isNews(est("2026-11-25T12:00Z"), now, "2026-11-24")).toBe(true);
    expect(isNews(est("2026-11-25T11:00Z"), now, "2026-11-24")).toBe(false);
    const day = (end: string, source: "billed" | "estimated" = "billed"): IncidentView => ({
      ...billed,
      source,
      end,
    });
    // The CUR billed through the 24th: days 22..24 arrived in the last deliveries.
    expect(isNews(day("2026-11-22"), now, "2026-11-24")).toBe(true);
    expect(isNews(day("2026-11-21"), now, "2026-11-24")).toBe(false);
    // A late CUR moves the window with it: news when its bill arrives, however late.
    expect(isNews(day("2026-11-18"), now, "2026-11-20")).toBe(true);
    expect(isNews(day("2026-11-25", "estimated"), now, "2026-11-24")).toBe(true);
    expect(isNews(day("2026-11-24", "estimated"), now, "2026-11-24")).toBe(false);
  });

  it("an incident whose every anomaly was alerted before incidents existed is not posted again", () => {
    const before = new Set(hourly.anomalyIds.map((id) => `anomaly:${id}`));
    expect(incidentAlerts([hourly], new Set(), before)).toEqual([]);
    const grown = { ...hourly, anomalyIds: [...hourly.anomalyIds, "anom-new-hour"] };
    expect(incidentAlerts([grown], new Set(), before)).toHaveLength(1);
  });

  it("a muted chain silences its incidents and narrower ones, not broader ones", () => {
    const sonnetProd = muteId(INCIDENT_MUTE_DIMENSION, "model=Claude Sonnet 4.6 > account=111111111111");
    expect(
      incidentAlerts(out.incidents, new Set([sonnetProd]), new Set()).map((a) => a.incident?.id),
    ).toEqual([billed.id]);
    const exact = muteId(INCIDENT_MUTE_DIMENSION, chainKey(hourly.driverChain));
    const broader: IncidentView = { ...hourly, id: "broad", driverChain: hourly.driverChain.slice(0, 1) };
    expect(incidentAlerts([broader], new Set([exact]), new Set()).map((a) => a.incident?.id)).toEqual([
      "broad",
    ]);
  });

  it("a posted incident is redrawn only when what it shows changed; an unposted one never is", () => {
    const posted = new Set([incidentKey(hourly.id)]);
    expect(incidentUpdates(out.incidents, posted, new Map([[hourly.id, row(hourly)]]))).toEqual([]);
    const grown: IncidentView = {
      ...hourly,
      end: "2026-11-26T10:00Z",
      hours: [...hourly.hours, "2026-11-26T09:00Z", "2026-11-26T10:00Z"],
      impactUsd: 190,
    };
    const [u, ...rest] = incidentUpdates([grown, billed], posted, new Map([[hourly.id, row(hourly)]]));
    expect(rest).toEqual([]);
    expect(u.incident.id).toBe(hourly.id);
    expect(u.fingerprint).toBe(incidentFingerprint(grown));
    expect(u.message.text).toMatch(/— resolved at 11:00Z$/);
    // Acknowledged before it grew: redrawn acknowledged, without buttons.
    const acked = incidentUpdates(
      [grown],
      posted,
      new Map([[hourly.id, row(hourly, { state: "acknowledged", updated_by: "U1" })]]),
    )[0];
    expect(acked.message.blocks.some((b) => b.type === "actions")).toBe(false);
    expect(JSON.stringify(acked.message.blocks)).toContain("Acknowledged by <@U1>");
    // Posted but its row lost (a crash after the post): redrawn, which also restores the row.
    expect(incidentUpdates([hourly], posted, new Map())).toHaveLength(1);
  });
});

describe("data-gap notices (pure)", () => {
  const openRow = (g = gap): DataGapRow => ({
    gap_id: g.id,
    account: g.account,
    region: g.region ?? "",
    source: g.source,
    gap_json: JSON.stringify(g),
    opened_at: NOW.toISOString(),
    closed_at: null,
  });

  it("opens once; stays quiet while open, even when detection restates `since`; closes once", () => {
    const opened = gapAlerts([gap], [], new Set(), NOW);
    expect(opened.map((a) => [a.key, a.gap?.state])).toEqual([[gapKey("open", gap.id), "opened"]]);
    expect(opened[0].message.text).toContain("Fix: Allow cloudwatch:GetMetricData");
    const restated = { ...gap, id: `${gap.id}-later`, since: "2026-11-27" };
    expect(gapAlerts([gap, restated], [openRow()], new Set([gapKey("open", gap.id)]), NOW)).toEqual([]);
    const closed = gapAlerts([], [openRow()], new Set([gapKey("open", gap.id)]), NOW);
    expect(closed.map((a) => [a.key, a.gap?.state])).toEqual([[gapKey("closed", gap.id), "closed"]]);
    expect(closed[0].message.text).toBe(
      "Data gap closed: collecting CloudWatch metrics for staging (222222222222) us-east-1 again (gap since 2026-11-26 09:05Z, closed by 2026-11-26 12:00Z)",
    );
  });

  it("a gap widened to the whole account (region null) is still the one announced", () => {
    const wide = { ...gap, id: "gap-account-wide", region: null };
    expect(gapAlerts([wide], [openRow()], new Set([gapKey("open", gap.id)]), NOW)).toEqual([]);
    const wideRow = openRow(wide);
    expect(gapAlerts([gap], [wideRow], new Set(), NOW)).toEqual([]);
    expect(gapAlerts([], [wideRow], new Set(), NOW).map((a) => a.key)).toEqual([gapKey("closed", wide.id)]);
  });

  it("two regions of one account are two gaps; one gap reported twice is one notice", () => {
    const west = { ...gap, id: "gap-west", region: "us-west-2" };
    expect(gapAlerts([gap, west, { ...gap, id: "dup" }], [], new Set(), NOW).map((a) => a.key)).toEqual([
      gapKey("open", gap.id),
      gapKey("open", "gap-west"),
    ]);
  });

  it("a failing collection unit that a gap reports is not alerted twice; others once per episode", () => {
    const failure = (source: string, account: string, region: string, lastOk: string) => ({
      id: `collection_run:${source}${account}`,
      episode: `collection_run:${source}/${account}/${region}@${lastOk}`,
      at: "2026-11-26T11:00:00Z",
      source: `${source} ${account} ${region}`,
      unit: { source, account, region },
      error: "AccessDenied",
    });
    const report = {
      lastSuccessAt: "2026-11-26T11:00:00Z",
      failing: [
        failure("metrics", "222222222222", "us-east-1", "never"),
        failure("logs", "111111111111", "us-west-2", "2026-11-25T10:00:00Z"),
      ],
      lastFailure: null,
    };
    expect(collectionAlerts(report, NOW, [gap]).map((a) => a.key)).toEqual([
      "collection:failed:collection_run:logs/111111111111/us-west-2@2026-11-25T10:00:00Z",
    ]);
    expect(collectionAlerts(report, NOW)).toHaveLength(2);
  });
});

import { describe, expect, it } from "vitest";
import { gapClosedMessage, gapOpenedMessage } from "../../../src/slack/blocks/gaps.js";
import { incidentAlert } from "../../../src/slack/blocks/incidents.js";
import { outputOf } from "../../helpers/slack-deps.js";
import * as f from "../../helpers/slack-fixtures.js";
import { expectWithinSlackLimits } from "../../helpers/slack-limits.js";

/** Incident messages and data-gap notices (pure builders, snapshots), read as the on-call engineer reads them. */
describe("incident and data-gap Block Kit", () => {
  it("incident alert: ongoing with buttons, resolved in place, after triage; a billed day-only one", () => {
    const out = outputOf("detect_anomalies", f.anomalies);
    const [billed, hourly] = out.incidents;
    const ongoing = incidentAlert(hourly);
    expect(ongoing).toMatchSnapshot();
    expect(ongoing.text).toBe(
      "Spike: Claude Sonnet 4.6 in prod (111111111111) us-east-1, +$98 over 2 h — ongoing since 07:00Z (2 h so far)",
    );
    // A title that already says "ongoing" is not repeated before the status.
    expect(incidentAlert({ ...hourly, title: `${hourly.title}, ongoing` }).text).toBe(ongoing.text);
    const body = JSON.stringify(ongoing.blocks);
    for (const part of [
      "+$98.40 ($109.30 vs $10.90 expected)",
      "2026-11-26 07:00Z → ongoing",
      "model `Claude Sonnet 4.6` → account `prod (111111111111)` → region `us-east-1`",
      "07:00Z · *08:00Z* (peak)",
      "estimated (CloudWatch tokens × list price; the CUR bills it 1–2 days later)",
    ])
      expect(body).toContain(part);
    const actions = ongoing.blocks.find((x) => x.type === "actions");
    expect(
      actions && "elements" in actions && actions.elements.map((e) => ("value" in e ? e.value : "")),
    ).toEqual([hourly.id, hourly.id, hourly.id]);
    const ended = {
      ...hourly,
      end: "2026-11-26T10:00Z",
      hours: [...hourly.hours, "2026-11-26T09:00Z", "2026-11-26T10:00Z"],
    };
    const resolved = incidentAlert(ended, "acknowledged", "U0456");
    expect(resolved).toMatchSnapshot();
    expect(resolved.text).toMatch(/ — resolved at 11:00Z$/);
    expect(JSON.stringify(resolved.blocks)).toContain("*Resolved at 11:00Z* · lasted 4 h (07:00Z–11:00Z)");
    expect(resolved.blocks.some((x) => x.type === "actions")).toBe(false);
    expect(JSON.stringify(resolved.blocks)).toContain("Acknowledged by <@U0456>");
    const day = incidentAlert(billed);
    expect(day).toMatchSnapshot();
    expect(day.text).toMatch(/— resolved: back to normal on 2026-11-23$/);
    const drop = incidentAlert({
      ...hourly,
      direction: "drop",
      impactUsd: -50,
      title: "Drop: Nova Pro in prod",
    });
    expect(JSON.stringify(drop.blocks)).toContain(":chart_with_downwards_trend: *Drop: Nova Pro in prod*");
    expect(JSON.stringify(drop.blocks)).toContain("−$50.00");
    for (const m of [ongoing, resolved, day, drop]) expectWithinSlackLimits(m);
  });

  it("data-gap notices: opened with the reason and the fix, closed once data flows again", () => {
    const gap = outputOf("detect_anomalies", f.anomalies).dataGaps[0];
    const opened = gapOpenedMessage(gap);
    expect(opened).toMatchSnapshot();
    expect(JSON.stringify(opened.blocks)).toContain("*Fix:* Allow cloudwatch:GetMetricData in role");
    expect(JSON.stringify(opened.blocks)).toContain("unknown, not $0");
    const closed = gapClosedMessage(gap, "2026-11-27T08:00:00.000Z");
    expect(closed).toMatchSnapshot();
    expect(closed.text).toBe(
      "Data gap closed: collecting CloudWatch metrics for staging (222222222222) us-east-1 again (gap since 2026-11-26 09:05Z, closed by 2026-11-27 08:00Z)",
    );
    const cur = gapOpenedMessage({ ...gap, source: "cur", region: null, accountName: null });
    expect(cur.text).toMatch(/^Data gap: no CUR billing data for 222222222222 since/);
  });
});

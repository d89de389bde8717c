import { describe, expect, it } from "vitest";
import { anomaliesMessage, anomalyAlert } from "../../../src/slack/blocks/anomalies.js";
import { budgetAlert, budgetsMessage } from "../../../src/slack/blocks/budgets.js";
import { digestMessage } from "../../../src/slack/blocks/digest.js";
import { bar, sparkline } from "../../../src/slack/blocks/format.js";
import { helpMessage, usageMessage } from "../../../src/slack/blocks/help.js";
import {
  collectionAlert,
  idleMessage,
  retirementAlert,
  statusMessage,
} from "../../../src/slack/blocks/other.js";
import { rowLabel, spendMessage } from "../../../src/slack/blocks/spend.js";
import { muteId } from "../../../src/store/queries/slack.js";
import { outputOf } from "../../helpers/slack-deps.js";
import * as f from "../../helpers/slack-fixtures.js";

const a = outputOf("detect_anomalies", f.anomalies).anomalies[0];
const b = outputOf("get_budget_status", f.budgets);

describe("Block Kit builders (pure, snapshot)", () => {
  it("spend answer: header, figures, table with bars, daily sparkline, provenance", () => {
    const daily = ["20", "21", "22", "23", "24", "25", "26"].map((d, i) => ({
      day: `2026-11-${d}`,
      costUsd: [100, 120, 900, 110, 95, 105, 60][i],
    }));
    const m = spendMessage(outputOf("get_spend_by_model", f.spendByModel), {
      title: "7d by model",
      groupBy: ["model"],
      daily,
    });
    expect(m).toMatchSnapshot();
    expect(m.text).toBe("Bedrock spend 2026-11-20 → 2026-11-26: $1,234.57, top model Claude Sonnet 4.6 65%");
  });

  it("spend answer with no rows says so", () => {
    const m = spendMessage(outputOf("get_spend_by_model", { ...f.spendByModel, totalCostUsd: 0, rows: [] }), {
      title: "today",
      groupBy: ["model"],
    });
    expect(JSON.stringify(m.blocks)).toContain("No Bedrock spend in this period");
  });

  it("incident list (the slash command), an older anomaly alert with buttons, and after triage", () => {
    const list = anomaliesMessage(outputOf("detect_anomalies", f.anomalies), {
      from: "2026-11-20",
      to: "2026-11-26",
    });
    expect(list).toMatchSnapshot();
    expect(list.text).toBe("2 Bedrock spend incidents, net impact +$1,428.65, 1 data gap");
    const open = anomalyAlert(a);
    expect(open).toMatchSnapshot();
    const actions = open.blocks.find((x) => x.type === "actions");
    expect(
      actions && "elements" in actions && actions.elements.map((e) => ("action_id" in e ? e.action_id : "")),
    ).toEqual(["ack", "expected", "mute_7d"]);
    const done = anomalyAlert(a, "acknowledged", "U0456");
    expect(done.blocks.some((x) => x.type === "actions")).toBe(false);
    expect(JSON.stringify(done.blocks)).toContain("Acknowledged by <@U0456>");
  });

  it("a spend answer names the account/regions its estimates leave out", () => {
    const gap = {
      account: "222222222222",
      accountName: "staging",
      region: "us-east-1",
      metricsThrough: null,
    };
    const m = spendMessage(
      outputOf("get_spend_by_model", {
        ...f.spendByModel,
        provenance: { ...f.spendByModel.provenance, estimateGaps: [gap] },
      }),
      { title: "this month by model", groupBy: ["model"] },
    );
    expect(JSON.stringify(m.blocks)).toContain(
      ":warning: Estimates leave out staging (222222222222) us-east-1: no metrics for these days — unknown there, not $0.",
    );
    const clean = spendMessage(outputOf("get_spend_by_model", f.spendByModel), {
      title: "this month by model",
      groupBy: ["model"],
    });
    expect(JSON.stringify(clean.blocks)).not.toContain("leave out");
  });

  it("a filtered spend answer says its credits are the accounts' whole, not the filter's", () => {
    const spend = (credits: object) =>
      JSON.stringify(
        spendMessage(outputOf("get_spend_by_model", { ...f.spendByModel, credits }), {
          title: "this month, team=search",
          groupBy: ["model"],
        }).blocks,
      );
    const base = f.spendByModel.credits;
    expect(spend({ ...base, notSplitBy: ["tag"] })).toContain(
      "-$62.50 (for all Bedrock spend of the accounts in scope: credits cannot be split by tag)",
    );
    expect(spend(base)).not.toContain("cannot be split");
  });

  it("budgets say when the actual leaves out days without cost data", () => {
    const known = budgetsMessage(outputOf("get_budget_status", { ...f.budgets, dataThrough: "2026-11-26" }));
    expect(JSON.stringify(known.blocks)).not.toContain("no cost data");
    const late = budgetsMessage(outputOf("get_budget_status", { ...f.budgets, dataThrough: "2026-11-24" }));
    expect(JSON.stringify(late.blocks)).toContain(
      ":hourglass: Actual covers days through 2026-11-24: no cost data after it yet (unknown, not $0). The CUR arrives",
    );
  });

  it("days without cost data are 'not evaluated', never 'spend looks normal'", () => {
    const range = { from: "2026-11-20", to: "2026-11-26" };
    const quiet = { ...f.anomalies, incidents: [], anomalies: [], dataGaps: [] };
    const whole = anomaliesMessage(
      outputOf("detect_anomalies", { ...quiet, evaluatedThrough: { day: "2026-11-26", hour: null } }),
      range,
    );
    expect(JSON.stringify(whole.blocks)).toContain("No incidents: spend looks normal.");
    expect(whole.text).toBe("0 Bedrock spend incidents, net impact +$0.00");

    const late = anomaliesMessage(
      outputOf("detect_anomalies", { ...quiet, evaluatedThrough: { day: "2026-11-23", hour: null } }),
      range,
    );
    const lateText = JSON.stringify(late.blocks);
    expect(lateText).not.toContain("looks normal");
    expect(lateText).toContain("No incidents through 2026-11-23.");
    expect(lateText).toContain("*Not evaluated*: 2026-11-24 → 2026-11-26 — no cost data yet");
    expect(late.text).toBe("0 Bedrock spend incidents, net impact +$0.00, no cost data after 2026-11-23");

    const lastDay = anomaliesMessage(
      outputOf("detect_anomalies", { ...quiet, evaluatedThrough: { day: "2026-11-25", hour: null } }),
      range,
    );
    expect(JSON.stringify(lastDay.blocks)).toContain("*Not evaluated*: 2026-11-26 — no cost data yet");

    const none = anomaliesMessage(
      outputOf("detect_anomalies", { ...quiet, evaluatedThrough: { day: null, hour: null } }),
      range,
    );
    expect(JSON.stringify(none.blocks)).toContain("No cost data for these days yet: nothing to evaluate.");
    expect(JSON.stringify(none.blocks)).not.toContain("looks normal");
    expect(none.text).toBe("0 Bedrock spend incidents, net impact +$0.00, no cost data yet");
  });

  it("a total-series anomaly (key null) reads as all Bedrock and keys mutes by an empty string", () => {
    const total = outputOf("detect_anomalies", {
      ...f.anomalies,
      anomalies: [
        {
          ...f.anomaly,
          dimension: "total",
          key: null,
          drivers: [{ dimension: "principal", key: null, impactUsd: 5 }],
        },
      ],
    }).anomalies[0];
    expect(total.key).toBeNull();
    expect(muteId(total.dimension, total.key)).toBe("total\u0000");
    const m = anomalyAlert(total);
    expect(m.text).toBe("Bedrock spend spike on total all Bedrock: $1,450.50 vs $120.25 expected");
    expect(JSON.stringify(m.blocks)).toContain("• principal `(no principal)` +$5.00");
  });

  it("budgets, budget alert, idle, status, retirement, collection, help", () => {
    expect(budgetsMessage(b)).toMatchSnapshot();
    expect(budgetAlert(b.budgets[0], "2026-11", 0.8, "actual")).toMatchSnapshot();
    expect(idleMessage(outputOf("list_idle_throughput", f.idle))).toMatchSnapshot();
    expect(statusMessage(outputOf("onboarding_status", f.status))).toMatchSnapshot();
    expect(
      retirementAlert(
        outputOf("list_model_lifecycle", f.lifecycle).models[0],
        "endOfLifeTime",
        "2026-12-10",
        14,
      ),
    ).toMatchSnapshot();
    const report = { lastSuccessAt: "2026-11-24T06:00:00Z", lastFailure: null, failing: [] };
    expect(collectionAlert(report, "stale", 54)).toMatchSnapshot();
    expect(helpMessage()).toMatchSnapshot();
  });

  it("digest with every section", () => {
    const spend = outputOf("get_spend_by_model", f.spendByModel);
    const m = digestMessage({
      day: "2026-11-26",
      spend: {
        yesterdayUsd: 150,
        prior7AvgUsd: 100,
        daily: [90, 100, 110, 95, 105, 100, 100, 150].map((c, i) => ({
          day: `2026-11-${18 + i}`,
          costUsd: c,
        })),
        topModels: spend.rows,
        topPrincipals: outputOf("get_spend_by_model", {
          ...f.spendByModel,
          rows: [{ principal: f.anomaly.key, costUsd: 120, tokens: 1, share: 0.8, unpricedTokens: 0 }],
        }).rows,
        provenance: spend.provenance,
      },
      budgets: b,
      forecast: outputOf("forecast_spend", f.forecast),
      openIncidents: outputOf("detect_anomalies", f.anomalies).incidents,
      dataGaps: outputOf("detect_anomalies", f.anomalies).dataGaps,
    });
    expect(m).toMatchSnapshot();
    expect(m.text).toBe(
      "Bedrock spend digest 2026-11-26: yesterday $150.00 vs $100.00 7-day average, forecast $10,400.00, 2 open incidents, 1 data gap",
    );
    const body = JSON.stringify(m.blocks);
    expect(body).toContain(
      "Spike: Claude Sonnet 4.6 in prod (111111111111) us-east-1, +$98 over 2 h — ongoing since 07:00Z (2 h so far)",
    );
    expect(body).toContain(
      "No CloudWatch metrics for staging (222222222222) us-east-1 since 2026-11-26 09:05Z",
    );
    expect(body).toContain("fix: Allow cloudwatch:GetMetricData");
  });

  it("digest omits sections whose capability is missing", () => {
    const m = digestMessage({
      day: "2026-11-26",
      spend: null,
      budgets: null,
      forecast: null,
      openIncidents: null,
      dataGaps: null,
    });
    expect(m.blocks).toHaveLength(1);
    expect(m.blocks[0].type).toBe("header");
  });

  it("user text is escaped in mrkdwn", () => {
    expect(JSON.stringify(usageMessage('unknown period "<!channel>&"').blocks)).toContain(
      "&lt;!channel&gt;&amp;",
    );
  });
});

describe("charts and labels", () => {
  it.each([
    [[], ""],
    [[0, 0, 0], "▁▁▁"],
    [[5, 5], "▄▄"],
    [[0, 7, 14], "▁▅█"],
  ])("sparkline(%j) = %j", (values, expected) => {
    expect(sparkline(values)).toBe(expected);
  });

  it.each([
    [10, 10, 4, "████"],
    [5, 10, 4, "██"],
    [1, 10, 4, "▍"],
    [0, 10, 4, ""],
    [1, 0, 4, ""],
    [0.001, 10, 4, "▏"],
  ])("bar(%d, %d, %d) = %j", (v, max, width, expected) => {
    expect(bar(v, max, width)).toBe(expected);
  });

  it("rowLabel shortens ARNs, names accounts and marks missing values", () => {
    expect(rowLabel({ principal: f.anomaly.key }, "principal")).toBe(
      "assumed-role/Researchers/bob@example.com (333333333333)",
    );
    expect(rowLabel({ account: "111111111111", accountName: "prod" }, "account")).toBe("prod (111111111111)");
    expect(rowLabel({ principal: null }, "principal")).toBe("(no principal)");
    expect(rowLabel({ "tag:team": null }, "tag:team")).toBe("(untagged)");
    expect(rowLabel({ region: null }, "region")).toBe("(none)");
  });
});

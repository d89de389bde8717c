import { describe, expect, it } from "vitest";
import { parseCommandText } from "../../src/slack/parse-command.js";

const now = new Date("2026-03-10T15:30:00Z");

describe("parseCommandText", () => {
  it.each([
    [
      "",
      { kind: "spend", period: "mtd", input: { from: "2026-03-01", to: "2026-03-10", groupBy: ["model"] } },
    ],
    [
      "today",
      { kind: "spend", period: "today", input: { from: "2026-03-10", to: "2026-03-10", groupBy: ["model"] } },
    ],
    [
      "yesterday by account",
      {
        kind: "spend",
        period: "yesterday",
        input: { from: "2026-03-09", to: "2026-03-09", groupBy: ["account"] },
      },
    ],
    [
      "7d by principal",
      {
        kind: "spend",
        period: "7d",
        input: { from: "2026-03-04", to: "2026-03-10", groupBy: ["principal"] },
      },
    ],
    [
      "30d",
      { kind: "spend", period: "30d", input: { from: "2026-02-09", to: "2026-03-10", groupBy: ["model"] } },
    ],
    [
      "MTD BY TOKEN_TYPE",
      {
        kind: "spend",
        period: "mtd",
        input: { from: "2026-03-01", to: "2026-03-10", groupBy: ["token_type"] },
      },
    ],
    [
      "last-month by tag:CostCenter",
      {
        kind: "spend",
        period: "last-month",
        input: { from: "2026-02-01", to: "2026-02-28", groupBy: ["tag:CostCenter"] },
      },
    ],
    [
      "by token-type",
      {
        kind: "spend",
        period: "mtd",
        input: { from: "2026-03-01", to: "2026-03-10", groupBy: ["token_type"] },
      },
    ],
    [
      "  7d   by   model  ",
      { kind: "spend", period: "7d", input: { from: "2026-03-04", to: "2026-03-10", groupBy: ["model"] } },
    ],
    ["anomalies", { kind: "anomalies" }],
    ["Budgets", { kind: "budgets" }],
    ["idle", { kind: "idle" }],
    ["status", { kind: "status" }],
    ["help", { kind: "help" }],
  ])("%j", (text, expected) => {
    expect(parseCommandText(text, now)).toEqual(expected);
  });

  it("last-month crosses the year boundary", () => {
    const out = parseCommandText("last-month", new Date("2026-01-05T00:00:00Z"));
    expect(out).toMatchObject({ input: { from: "2025-12-01", to: "2025-12-31" } });
  });

  it("today uses the UTC day, not the local one", () => {
    const out = parseCommandText("today", new Date("2026-03-10T23:59:59Z"));
    expect(out).toMatchObject({ input: { from: "2026-03-10", to: "2026-03-10" } });
  });

  it.each([
    ["week", /unknown period or command "week"/],
    ["7d by", /"by" needs a dimension/],
    ["7d by colour", /unknown dimension "colour"/],
    ["7d model", /unexpected "model"/],
    ["budgets now", /unexpected "now" after "budgets"/],
    ["by model 7d", /unexpected "7d"/],
    ["tag:", /unknown period or command "tag:"/],
  ])("%j is a usage problem", (text, problem) => {
    const out = parseCommandText(text, now);
    expect(out.kind).toBe("usage");
    expect(out.kind === "usage" && out.problem).toMatch(problem);
  });
});

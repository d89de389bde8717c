import { describe, expect, it } from "vitest";
import { getSpendByModel } from "../../src/capabilities/get-spend-by-model.js";

describe("get_spend_by_model input", () => {
  const issue = (input: unknown) => {
    const r = getSpendByModel.inputSchema.safeParse(input);
    return r.success ? "ok" : `${r.error.issues[0].path.join(".")}: ${r.error.issues[0].message}`;
  };

  it.each([
    [{ from: "2026-11-10", to: "2026-11-01" }, /^from: must not be after to/],
    [{ groupBy: ["model", "colour"] }, /^groupBy\.1: unknown group-by key "colour": use model, token_type/],
    [{ groupBy: ['tag:te"am'] }, /^groupBy\.0: unknown group-by key .*tag:<key>/],
    [{ groupBy: ["model", "model"] }, /^groupBy: name each key once/],
    [{ groupBy: [] }, /^groupBy: give at least one key/],
    [{ filters: { tag: { key: "a\\b", value: "x" } } }, /^filters\.tag\.key: bad tag key/],
    [{ source: "invoice" }, /^source: /],
    [{ limit: 1001 }, /^limit: /],
    [{ from: "2026-02-30" }, /^from: expected a calendar day/],
  ])("rejects %j", (input, message) => {
    expect(issue(input)).toMatch(message);
  });

  it("accepts tag keys for resource and principal tags", () => {
    expect(issue({ groupBy: ["tag:team", "tag:iamPrincipal/cost-center", "tag:aws:createdBy"] })).toBe("ok");
  });
});

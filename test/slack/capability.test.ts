import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getSpendByModel } from "../../src/capabilities/get-spend-by-model.js";
import { UsageError } from "../../src/errors.js";
import { runTool } from "../../src/slack/capability.js";
import type { Db } from "../../src/store/db.js";
import { memoryDb } from "../helpers/db.js";
import { slackDeps } from "../helpers/slack-deps.js";

describe("runTool", () => {
  let db: Db;
  beforeEach(async () => {
    db = await memoryDb();
  });
  afterEach(async () => {
    await db.destroy();
  });

  it("validates input with the capability's own schema", async () => {
    const deps = slackDeps(db, { capabilities: [getSpendByModel] });
    const run = runTool(deps, "get_spend_by_model", { from: "2026-02-30", groupBy: ["model"] });
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(runTool(deps, "get_spend_by_model", { from: "2026-02-30" })).rejects.toThrow(
      /^get_spend_by_model from: /,
    );
  });

  it("returns the tool's own output, defaults applied", async () => {
    const deps = slackDeps(db, { capabilities: [getSpendByModel] });
    const out = await runTool(deps, "get_spend_by_model", { from: "2026-11-01", to: "2026-11-02" });
    expect(out).toMatchObject({ from: "2026-11-01", to: "2026-11-02", totalCostUsd: 0, rows: [] });
    expect(getSpendByModel.outputSchema.safeParse(out).success).toBe(true);
  });

  it("returns null when the build has no such capability", async () => {
    expect(await runTool(slackDeps(db), "get_spend_by_model", {})).toBeNull();
  });
});

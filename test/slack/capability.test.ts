import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getSpendByModel } from "../../src/capabilities/get-spend-by-model.js";
import { AppError, UsageError } from "../../src/errors.js";
import { answerCommand } from "../../src/slack/answers.js";
import { CAP, runCapability } from "../../src/slack/capability.js";
import { spendView } from "../../src/slack/outputs.js";
import type { Db } from "../../src/store/db.js";
import { memoryDb } from "../helpers/db.js";
import { contractCapability, slackDeps } from "../helpers/slack-deps.js";

describe("runCapability", () => {
  let db: Db;
  beforeEach(async () => {
    db = await memoryDb();
  });
  afterEach(async () => {
    await db.destroy();
  });

  it("validates input with the capability's own schema", async () => {
    const deps = slackDeps(db, { capabilities: [getSpendByModel] });
    const run = runCapability(deps, CAP.spend, { from: "2026-02-30", groupBy: ["model"] }, spendView);
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(runCapability(deps, CAP.spend, { from: "2026-02-30" }, spendView)).rejects.toThrow(
      /^get_spend_by_model from: /,
    );
  });

  it("returns null when the build has no such capability", async () => {
    expect(await runCapability(slackDeps(db), CAP.spend, {}, spendView)).toBeNull();
  });

  it("an output that breaks the contract is an AppError, and the slash answer says so privately", async () => {
    const broken = contractCapability("get_spend_by_model", () => ({ from: "x", rows: "nope" })).cap;
    const deps = slackDeps(db, { capabilities: [broken] });
    await expect(runCapability(deps, CAP.spend, {}, spendView)).rejects.toBeInstanceOf(AppError);
    const answer = await answerCommand(deps, "7d");
    expect(answer.ephemeral).toBe(true);
    expect(answer.message.text).toMatch(
      /^Could not answer: get_spend_by_model returned output Slack cannot read/,
    );
  });
});

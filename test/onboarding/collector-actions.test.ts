import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { iamActionFor } from "../../src/aws/read-only.js";
import { onboardingStatus } from "../../src/capabilities/onboarding-status.js";
import { runCollection } from "../../src/collect/run.js";
import { parseConfig } from "../../src/config.js";
import { demoConfig } from "../../src/demo/config.js";
import { UNUSED_READ_ACTIONS, VERIFY_ACTION } from "../../src/onboarding/actions.js";
import { neededActions } from "../../src/onboarding/permissions/needed.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import type { Db } from "../../src/store/db.js";
import { silentLogger } from "../../src/util/log.js";
import { memoryDb } from "../helpers/db.js";
import { sandboxAccess } from "../helpers/sandbox.js";

const NOW = new Date("2026-11-26T12:00:00Z");

/**
 * The audit behind the onboarding checks: what the permission check requires is exactly what the
 * collectors send, account by account, measured on the sandbox's call log of a real collection.
 */
describe("permission checks test the actions the collectors really use", { timeout: 60_000 }, () => {
  let sb: Sandbox;
  let db: Db;
  // The demo's accounts and log locations, without the CUR (ingestion reads S3 like the logs do).
  const config = parseConfig({
    accounts: demoConfig().accounts,
    collect: { backfillDays: 2, concurrency: 2 },
  });

  beforeAll(async () => {
    sb = await startSandbox({ now: NOW, logHours: 2 });
    db = await memoryDb();
  });
  afterAll(async () => {
    await db.destroy();
    await sb.close();
  });

  it("every action a collector sends is checked, and every required one is sent by a collector", async () => {
    const aws = sandboxAccess(sb);
    sb.clearCallLog();
    const summary = await runCollection({ db, config, now: () => NOW, log: silentLogger, aws });
    aws.close();
    expect(summary.units.filter((u) => u.status === "failed")).toEqual([]);
    const sent = new Map<string, Set<string>>();
    for (const c of sb.callLog()) {
      // The management identity assumes the roles; the roles' own calls are the collectors'.
      if (!c.account || c.account === "999999999999" || c.action === "sts:GetCallerIdentity") continue;
      sent.set(c.account, (sent.get(c.account) ?? new Set()).add(iamActionFor(c.action)));
    }
    const required = new Set<string>();
    for (const account of config.accounts) {
      const needs = neededActions(account, config, `arn:aws:iam::${account.id}:role/BedrockSpendReadOnly`);
      const checked = new Set(needs.filter((n) => n.expected === "allowed").map((n) => n.action));
      // Nothing a collector sends goes unchecked.
      expect([...(sent.get(account.id) ?? [])].filter((a) => !checked.has(a))).toEqual([]);
      for (const n of needs) if (n.expected === "allowed" && !n.optional) required.add(n.action);
    }
    const sentAnywhere = new Set([...sent.values()].flatMap((s) => [...s]));
    // iam:GetRole is the check's own call (it resolves the role ARN it simulates).
    expect([...required].filter((a) => !sentAnywhere.has(a) && a !== "iam:GetRole").sort()).toEqual([]);
    // What no collector sends is checked but optional.
    for (const a of UNUSED_READ_ACTIONS) expect(sentAnywhere.has(a)).toBe(false);
    expect(required.has(VERIFY_ACTION)).toBe(false);
  });

  it("onboarding_status reads metrics with GetMetricData and logs with GetObject, like the collectors", async () => {
    const aws = sandboxAccess(sb);
    sb.clearCallLog();
    const deps = { db, config, now: () => NOW, log: silentLogger, aws };
    const out = await onboardingStatus.run(deps, onboardingStatus.inputSchema.parse({}));
    aws.close();
    const calls = sb.callLog();
    for (const account of config.accounts) {
      const own = new Set(calls.filter((c) => c.account === account.id).map((c) => c.action));
      expect(own.has("cloudwatch:ListMetrics")).toBe(true);
      expect(own.has("cloudwatch:GetMetricData")).toBe(true);
    }
    // Logs delivered to S3 are read with GetObject (HeadObject would not need kms:Decrypt).
    expect(calls.some((c) => c.action === "s3:GetObject" && c.status === 206)).toBe(true);
    expect(calls.some((c) => c.action === "s3:HeadObject")).toBe(false);
    expect(
      out.accounts
        .flatMap((a) => a.steps.filter((s) => s.id === "cloudwatch_metrics"))
        .every((s) => s.status !== "error"),
    ).toBe(true);
  });
});

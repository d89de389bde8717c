import { beforeEach, describe, expect, it } from "vitest";
import { collectionRunFreshness, storeFreshness } from "../../src/slack/freshness.js";
import { collectionAlerts } from "../../src/slack/jobs/alert-rules.js";
import type { Db } from "../../src/store/db.js";
import { insertCollectionRun } from "../../src/store/queries/collection-run.js";
import { memoryDb } from "../helpers/db.js";

type Unit = {
  source: "metrics" | "logs" | "inventory" | "cur";
  account: string;
  status: "ok" | "failed";
  at: string;
};

const run = (db: Db, u: Unit) =>
  insertCollectionRun(db, {
    run_id: `run-${u.at}`,
    source: u.source,
    account: u.account,
    region: "us-east-1",
    status: u.status,
    error_name: u.status === "failed" ? "AccessDenied" : null,
    error: u.status === "failed" ? "not authorized to perform cloudwatch:GetMetricData" : null,
    fix: u.status === "failed" ? "add cloudwatch:GetMetricData to the role" : null,
    items: 10,
    api_calls: 2,
    metrics_requested: 0,
    duration_ms: 5,
    started_at: u.at,
    finished_at: u.at,
  });

const ingest = (db: Db, status: "ok" | "failed", at: string) =>
  db
    .insertInto("ingest_log")
    .values({
      source: "s3://cur/export",
      period: "2026-11",
      status,
      files: "[]",
      rows_read: 1,
      bedrock_rows: 1,
      skipped_rows: 0,
      cost_usd: 1,
      warnings: "[]",
      error: status === "failed" ? "truncated gzip" : null,
      started_at: at,
      finished_at: at,
    })
    .execute();

describe("Slack collection health reads collection_run and ingest_log", () => {
  let db: Db;
  beforeEach(async () => {
    db = await memoryDb();
  });

  it("a unit is failing only while its newest run failed; the message names source, account, error and fix", async () => {
    await run(db, {
      source: "metrics",
      account: "111111111111",
      status: "failed",
      at: "2026-11-25T05:00:00Z",
    });
    await run(db, { source: "metrics", account: "111111111111", status: "ok", at: "2026-11-25T06:00:00Z" });
    expect(await collectionRunFreshness(db)).toEqual({
      lastSuccessAt: "2026-11-25T06:00:00Z",
      lastFailure: null,
      failing: [],
    });
    await run(db, { source: "logs", account: "222222222222", status: "failed", at: "2026-11-25T07:00:00Z" });
    const r = await collectionRunFreshness(db);
    expect(r.lastFailure).toMatchObject({
      at: "2026-11-25T07:00:00Z",
      source: "logs 222222222222 us-east-1",
      error:
        "AccessDenied: not authorized to perform cloudwatch:GetMetricData: add cloudwatch:GetMetricData to the role",
    });
    expect(r.lastFailure?.id).toMatch(/^collection_run:\d+$/);
  });

  it("combined: the newest success of either table and the newest current failure, alerted once by id", async () => {
    await ingest(db, "ok", "2026-11-24T01:00:00Z");
    await run(db, { source: "metrics", account: "111111111111", status: "ok", at: "2026-11-24T03:00:00Z" });
    expect((await storeFreshness(db)).lastSuccessAt).toBe("2026-11-24T03:00:00Z");
    // Nothing for more than a day: stale, from collection_run's newer success.
    const stale = collectionAlerts(await storeFreshness(db), new Date("2026-11-25T12:00:00Z"));
    expect(stale.map((a) => a.key)).toEqual(["collection:stale:2026-11-24T03:00:00Z"]);

    await ingest(db, "failed", "2026-11-25T02:00:00Z");
    expect((await storeFreshness(db)).lastFailure?.id).toMatch(/^ingest_log:\d+$/);
    await run(db, {
      source: "metrics",
      account: "111111111111",
      status: "failed",
      at: "2026-11-25T04:00:00Z",
    });
    const both = await storeFreshness(db);
    expect(both.lastFailure?.source).toBe("metrics 111111111111 us-east-1");
    // Each failing unit once per episode (keyed by its last success), both failing ones.
    const keys = () => collectionAlerts(both, new Date("2026-11-25T05:00:00Z")).map((a) => a.key);
    expect(keys()).toEqual([
      "collection:failed:collection_run:metrics/111111111111/us-east-1@2026-11-24T03:00:00Z",
      "collection:failed:ingest_log:s3://cur/export@2026-11-24T01:00:00Z",
      "collection:stale:2026-11-24T03:00:00Z",
    ]);
    // Failing again an hour later: the same episode, so the same key (posted once).
    await run(db, {
      source: "metrics",
      account: "111111111111",
      status: "failed",
      at: "2026-11-25T05:00:00Z",
    });
    const again = await storeFreshness(db);
    expect(again.lastFailure?.id).not.toBe(both.lastFailure?.id);
    expect(again.lastFailure?.episode).toBe(both.lastFailure?.episode);
    // Fixed, then failing again: a new episode.
    await run(db, { source: "metrics", account: "111111111111", status: "ok", at: "2026-11-25T06:00:00Z" });
    await run(db, {
      source: "metrics",
      account: "111111111111",
      status: "failed",
      at: "2026-11-25T07:00:00Z",
    });
    expect((await storeFreshness(db)).lastFailure?.episode).toBe(
      "collection_run:metrics/111111111111/us-east-1@2026-11-25T06:00:00Z",
    );
  });
});

import type { Db } from "../db.js";
import type { SlackAnomalyTriageTable } from "../schema-slack.js";

/** Plain queries over the Slack tables (migration 0004). Instants are ISO strings. */

/**
 * Claims an alert key before posting. Returns false when the key was already claimed or posted,
 * in which case the caller must not post. The unique key makes this atomic across processes.
 */
export async function claimPost(
  db: Db,
  row: { key: string; kind: string; channel: string; at: string },
): Promise<boolean> {
  const res = await db
    .insertInto("slack_post_ledger")
    .values({ key: row.key, kind: row.kind, channel: row.channel, status: "pending", created_at: row.at })
    .onConflict((oc) => oc.column("key").doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Records where the message landed: Slack's channel id (not a `#name`) and ts, for chat.update. */
export async function markPosted(
  db: Db,
  key: string,
  sent: { ts: string | null; channel: string },
  at: string,
): Promise<void> {
  await db
    .updateTable("slack_post_ledger")
    .set({ status: "posted", ts: sent.ts, channel: sent.channel, posted_at: at })
    .where("key", "=", key)
    .execute();
}

/** Where the message posted under `key` is, when it was posted and Slack answered with a ts. */
export async function postedMessage(db: Db, key: string): Promise<{ channel: string; ts: string } | null> {
  const row = await db
    .selectFrom("slack_post_ledger")
    .select(["channel", "ts"])
    .where("key", "=", key)
    .where("status", "=", "posted")
    .executeTakeFirst();
  return row?.ts ? { channel: row.channel, ts: row.ts } : null;
}

/** Keys covered by a message posted under another key: recorded so they are never posted. */
export async function claimSuperseded(db: Db, keys: string[], channel: string, at: string): Promise<void> {
  if (!keys.length) return;
  await db
    .insertInto("slack_post_ledger")
    .values(
      keys.map((key) => ({
        key,
        kind: "superseded",
        channel,
        status: "superseded" as const,
        created_at: at,
        posted_at: at,
      })),
    )
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
}

/** Slack refused the post outright (nothing was delivered): free the key so a later run retries. */
export async function releaseClaim(db: Db, key: string): Promise<void> {
  await db.deleteFrom("slack_post_ledger").where("key", "=", key).where("status", "=", "pending").execute();
}

export async function postedKeys(db: Db, prefix: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("slack_post_ledger")
    .select("key")
    .where("key", "like", `${prefix}%`)
    .execute();
  return new Set(rows.map((r) => r.key));
}

/** Keys recorded as shown inside another message (e.g. each opportunity of a weekly post). */
export async function recordShown(
  db: Db,
  keys: string[],
  kind: string,
  channel: string,
  at: string,
): Promise<void> {
  if (!keys.length) return;
  await db
    .insertInto("slack_post_ledger")
    .values(
      keys.map((key) => ({ key, kind, channel, status: "posted" as const, created_at: at, posted_at: at })),
    )
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
}

/** Keys with `prefix` recorded at or after `since` (ISO instant). */
export async function keysSince(db: Db, prefix: string, since: string): Promise<string[]> {
  const rows = await db
    .selectFrom("slack_post_ledger")
    .select("key")
    .where("key", "like", `${prefix}%`)
    .where("created_at", ">=", since)
    .execute();
  return rows.map((r) => r.key);
}

export async function ledgerRows(db: Db) {
  return db.selectFrom("slack_post_ledger").selectAll().orderBy("created_at").orderBy("key").execute();
}

export type TriageState = SlackAnomalyTriageTable["state"];

export async function recordAnomalyPosted(
  db: Db,
  row: {
    anomalyId: string;
    dimension: string;
    key: string;
    json: string;
    channel: string;
    ts: string | null;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto("slack_anomaly_triage")
    .values({
      anomaly_id: row.anomalyId,
      dimension: row.dimension,
      key: row.key,
      state: "open",
      anomaly_json: row.json,
      channel: row.channel,
      ts: row.ts,
      updated_by: null,
      updated_at: row.at,
    })
    .onConflict((oc) => oc.column("anomaly_id").doUpdateSet({ channel: row.channel, ts: row.ts }))
    .execute();
}

export async function getTriage(db: Db, anomalyId: string) {
  return db
    .selectFrom("slack_anomaly_triage")
    .selectAll()
    .where("anomaly_id", "=", anomalyId)
    .executeTakeFirst();
}

/** The anomalies posted in one message (a grouped alert), or just the one when its ts is unknown. */
export async function triageGroup(db: Db, anomalyId: string) {
  const row = await getTriage(db, anomalyId);
  if (!row?.channel || !row.ts) return row ? [row] : [];
  return db
    .selectFrom("slack_anomaly_triage")
    .selectAll()
    .where("channel", "=", row.channel)
    .where("ts", "=", row.ts)
    .orderBy("anomaly_id")
    .execute();
}

export async function listTriage(db: Db) {
  return db.selectFrom("slack_anomaly_triage").selectAll().orderBy("anomaly_id").execute();
}

export async function setTriageState(
  db: Db,
  anomalyId: string,
  state: TriageState,
  by: string | null,
  at: string,
): Promise<boolean> {
  const res = await db
    .updateTable("slack_anomaly_triage")
    .set({ state, updated_by: by, updated_at: at })
    .where("anomaly_id", "=", anomalyId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function muteKey(
  db: Db,
  row: { dimension: string; key: string; until: string; by: string | null; at: string },
): Promise<void> {
  await db
    .insertInto("slack_mute")
    .values({
      dimension: row.dimension,
      key: row.key,
      muted_until: row.until,
      muted_by: row.by,
      created_at: row.at,
    })
    .onConflict((oc) =>
      oc.columns(["dimension", "key"]).doUpdateSet({ muted_until: row.until, muted_by: row.by }),
    )
    .execute();
}

/** Mutes still in force at `at`, as `dimension\u0000key` strings. */
export async function activeMutes(db: Db, at: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("slack_mute")
    .select(["dimension", "key"])
    .where("muted_until", ">", at)
    .execute();
  return new Set(rows.map((r) => muteId(r.dimension, r.key)));
}

/** A null key (the total series, an unattributed slice) is stored as "". */
export const muteId = (dimension: string, key: string | null) => `${dimension}\u0000${key ?? ""}`;

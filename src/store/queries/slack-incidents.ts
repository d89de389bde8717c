import type { Db } from "../db.js";
import type { SlackIncidentTable } from "../schema-slack.js";

/** Queries over slack_incident and slack_data_gap (migration 0006). Instants are ISO strings. */

export type IncidentState = SlackIncidentTable["state"];
export type SlackIncidentRow = SlackIncidentTable;

export async function incidentRows(db: Db, ids?: string[]): Promise<Map<string, SlackIncidentRow>> {
  let q = db.selectFrom("slack_incident").selectAll();
  if (ids) {
    if (!ids.length) return new Map();
    q = q.where("incident_id", "in", ids);
  }
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.incident_id, r]));
}

/** Incident messages drawn (posted, updated or triaged) since `since`, oldest first. */
export async function recentIncidentRows(db: Db, since: string): Promise<SlackIncidentRow[]> {
  return db
    .selectFrom("slack_incident")
    .selectAll()
    .where("updated_at", ">=", since)
    .orderBy("updated_at")
    .orderBy("incident_id")
    .execute();
}

export async function getIncidentRow(db: Db, id: string): Promise<SlackIncidentRow | undefined> {
  return db.selectFrom("slack_incident").selectAll().where("incident_id", "=", id).executeTakeFirst();
}

/** What the message now shows; the triage state is kept unless `state` is given. */
export async function saveIncidentRow(
  db: Db,
  row: Omit<SlackIncidentRow, "state" | "updated_by"> & { state?: IncidentState; updated_by?: string | null },
): Promise<void> {
  const base = { ...row, state: row.state ?? "open", updated_by: row.updated_by ?? null };
  await db
    .insertInto("slack_incident")
    .values(base)
    .onConflict((oc) =>
      oc.column("incident_id").doUpdateSet({
        incident_json: row.incident_json,
        fingerprint: row.fingerprint,
        mute_key: row.mute_key,
        updated_at: row.updated_at,
        ...(row.state ? { state: row.state, updated_by: base.updated_by } : {}),
      }),
    )
    .execute();
}

export interface DataGapRow {
  gap_id: string;
  account: string;
  region: string;
  source: string;
  gap_json: string;
  opened_at: string;
  closed_at: string | null;
}

/** Gaps announced and not closed yet. */
export async function openGapRows(db: Db): Promise<DataGapRow[]> {
  return db
    .selectFrom("slack_data_gap")
    .selectAll()
    .where("closed_at", "is", null)
    .orderBy("opened_at")
    .orderBy("gap_id")
    .execute();
}

export async function recordGapOpened(db: Db, row: Omit<DataGapRow, "closed_at">): Promise<void> {
  await db
    .insertInto("slack_data_gap")
    .values({ ...row, closed_at: null })
    .onConflict((oc) => oc.column("gap_id").doNothing())
    .execute();
}

export async function recordGapClosed(db: Db, gapId: string, at: string): Promise<void> {
  await db.updateTable("slack_data_gap").set({ closed_at: at }).where("gap_id", "=", gapId).execute();
}

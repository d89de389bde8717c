/**
 * Slack state (migrations 0004 and 0006): what was posted, how incidents and anomalies were
 * triaged, what is muted, which data gaps were announced. A restart reads these so nothing is
 * posted twice.
 */

/**
 * One row per alert key (`budget:…`, `incident:<id>`, `gap:open:<id>`, `digest:<day>`, …). The row
 * is claimed (`pending`) before posting and becomes `posted` with the message ts afterwards, so a
 * crash between the two never leads to a second post.
 */
export interface SlackPostLedgerTable {
  key: string;
  kind: string;
  /** The channel asked for while pending; the channel id Slack answered with once posted (chat.update needs it). */
  channel: string;
  /** `superseded`: covered by another message (e.g. a lower budget threshold crossed with a higher one). */
  status: "pending" | "posted" | "superseded";
  ts: string | null;
  created_at: string;
  posted_at: string | null;
}

/** Triage of a posted anomaly (buttons ack / expected / mute_7d). */
export interface SlackAnomalyTriageTable {
  anomaly_id: string;
  dimension: string;
  key: string;
  state: "open" | "acknowledged" | "expected" | "muted";
  /** The anomaly as posted (JSON), so a click can redraw the message. */
  anomaly_json: string;
  channel: string | null;
  ts: string | null;
  updated_by: string | null;
  updated_at: string;
}

/** New anomalies on a muted dimension/key are not posted until `muted_until` (ISO instant). */
export interface SlackMuteTable {
  dimension: string;
  key: string;
  muted_until: string;
  muted_by: string | null;
  created_at: string;
}

/**
 * One row per incident message (migration 0006). Where the message is lives in the ledger
 * (`incident:<id>`: channel id + ts); this row holds what it shows, so a later run updates it in
 * place (chat.update) only when the incident changed, and a click redraws it.
 */
export interface SlackIncidentTable {
  incident_id: string;
  state: "open" | "acknowledged" | "expected" | "muted";
  /** The incident as last drawn (detect_anomalies' own output shape, JSON). */
  incident_json: string;
  /** What the message shows that can change: end, hours, peak, impact in whole dollars. */
  fingerprint: string;
  /** The driver chain a "Mute 7 days" click mutes (slack_mute dimension `incident`). */
  mute_key: string;
  updated_by: string | null;
  updated_at: string;
}

/**
 * A data gap announced in the channel (migration 0006): open until detect_anomalies no longer
 * reports a gap for the same account, region and source, then closed once with a notice.
 */
export interface SlackDataGapTable {
  gap_id: string;
  account: string;
  /** "" for account-level sources (cur). */
  region: string;
  source: string;
  gap_json: string;
  opened_at: string;
  closed_at: string | null;
}

export interface SlackTables {
  slack_post_ledger: SlackPostLedgerTable;
  slack_anomaly_triage: SlackAnomalyTriageTable;
  slack_mute: SlackMuteTable;
  slack_incident: SlackIncidentTable;
  slack_data_gap: SlackDataGapTable;
}

/**
 * Slack state (migration 0005): what was posted, how anomalies were triaged, what is muted.
 * A restart reads these so nothing is posted twice.
 */

/**
 * One row per alert key (`budget:…`, `anomaly:<id>`, `digest:<day>`, `event:<id>` …). The row is
 * claimed (`pending`) before posting and becomes `posted` with the message ts afterwards, so a
 * crash between the two never leads to a second post.
 */
export interface SlackPostLedgerTable {
  key: string;
  kind: string;
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

export interface SlackTables {
  slack_post_ledger: SlackPostLedgerTable;
  slack_anomaly_triage: SlackAnomalyTriageTable;
  slack_mute: SlackMuteTable;
}

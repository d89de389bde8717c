import type { ToolOutput } from "../capabilities/index.js";

/**
 * Names for the parts of each tool's output that Slack renders. They are the capabilities' own
 * output types (src/capabilities/), never copies, so a change there is a type error here.
 */

export type SpendView = ToolOutput<"get_spend_by_model">;
export type ProvenanceView = SpendView["provenance"];
export type AnomaliesView = ToolOutput<"detect_anomalies">;
export type AnomalyView = AnomaliesView["anomalies"][number];
export type BudgetsView = ToolOutput<"get_budget_status">;
export type BudgetView = BudgetsView["budgets"][number];
export type ForecastView = ToolOutput<"forecast_spend">;
export type IdleView = ToolOutput<"list_idle_throughput">;
export type LifecycleView = ToolOutput<"list_model_lifecycle">;
export type LifecycleModelView = LifecycleView["models"][number];
export type StatusView = ToolOutput<"onboarding_status">;
export type SavingsView = ToolOutput<"get_savings_opportunities">;
export type SavingsOpportunityView = SavingsView["opportunities"][number];
export type IncidentView = AnomaliesView["incidents"][number];
export type DataGapView = AnomaliesView["dataGaps"][number];

/**
 * Slack's own addition to an incident message (not a tool output): what the CUR billed for an
 * estimated incident that detect_anomalies no longer shows once its days are billed
 * (jobs/transition-rules.ts). Figures are for the incident's model/account/region and days.
 */
export interface BillingOutcome {
  /** `confirmed`: the billed excess still reaches the floor; `below_floor`: the estimate overstated it. */
  kind: "confirmed" | "below_floor";
  from: string;
  to: string;
  billedUsd: number;
  estimatedUsd: number;
  /** The estimated excess corrected by billed − estimated. */
  impactUsd: number;
  estimatedImpactUsd: number;
  /** anomaly.minImpactUsd. */
  floorUsd: number;
}

/** An incident as its message shows it (slack_incident.incident_json). */
export type StoredIncident = IncidentView & { billing?: BillingOutcome };

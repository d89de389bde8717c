/** Incidents and a data gap as detect_anomalies returns them (checked against its schema where used). */

/** bob's runaway day, billed: one day-only incident. */
export const billedIncident = {
  id: "inc-spike-2026-11-22-bob",
  title:
    "Spike: Claude Sonnet 4.6 by bob@example.com in research (333333333333) eu-central-1, +$1,330 on 2026-11-22",
  start: "2026-11-22",
  end: "2026-11-22",
  peak: "2026-11-22",
  granularity: "day" as const,
  direction: "spike" as const,
  impactUsd: 1330.25,
  actualUsd: 1450.5,
  expectedUsd: 120.25,
  source: "billed" as const,
  driverChain: [
    { dimension: "model", key: "Claude Sonnet 4.6" },
    { dimension: "account", key: "333333333333", label: "research" },
    { dimension: "region", key: "eu-central-1" },
    { dimension: "principal", key: "arn:aws:sts::333333333333:assumed-role/Researchers/bob@example.com" },
  ],
  hours: [],
  anomalyIds: ["anom-2026-11-22-principal-bob"],
};

/** Today's runaway, estimated, still going after two hours. */
export const hourIncident = {
  id: "inc-spike-2026-11-26-sonnet-prod-use1",
  title: "Spike: Claude Sonnet 4.6 in prod (111111111111) us-east-1, +$98 over 2 h",
  start: "2026-11-26T07:00Z",
  end: null,
  peak: "2026-11-26T08:00Z",
  granularity: "hour" as const,
  direction: "spike" as const,
  impactUsd: 98.4,
  actualUsd: 109.3,
  expectedUsd: 10.9,
  source: "estimated" as const,
  driverChain: [
    { dimension: "model", key: "Claude Sonnet 4.6" },
    { dimension: "account", key: "111111111111", label: "prod" },
    { dimension: "region", key: "us-east-1" },
  ],
  hours: ["2026-11-26T07:00Z", "2026-11-26T08:00Z"],
  anomalyIds: ["anom-h-2026-11-26T07-model-sonnet", "anom-h-2026-11-26T08-model-sonnet"],
};

/** Staging's role cannot read its metrics: no data there, never $0. */
export const metricsGap = {
  id: "gap-222222222222-us-east-1-metrics-2026-11-26T09:05Z",
  account: "222222222222",
  accountName: "staging",
  region: "us-east-1",
  source: "metrics" as const,
  since: "2026-11-26T09:05Z",
  reason: "GetMetricData denied (AccessDenied) since 2026-11-26 09:05Z",
  fix: "Allow cloudwatch:GetMetricData in role arn:aws:iam::222222222222:role/BedrockSpendReadOnly (redeploy `bedrock-spend cfn-template`)",
};

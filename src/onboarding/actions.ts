/**
 * The IAM actions bedrock-spend needs and the ones it must never hold. One list feeds the
 * CloudFormation template, the permission check and the doctor, so they cannot drift apart.
 */

/** What the always-on read policy grants besides `bedrock:List*` (issue 7: exactly these Gets). */
export const BEDROCK_GET_ACTIONS = [
  "bedrock:GetFoundationModel",
  "bedrock:GetProvisionedModelThroughput",
  "bedrock:GetModelInvocationLoggingConfiguration",
] as const;

export const CLOUDWATCH_ACTIONS = [
  "cloudwatch:GetMetricData",
  "cloudwatch:GetMetricStatistics",
  "cloudwatch:ListMetrics",
  "cloudwatch:DescribeAlarms",
] as const;

/** Granted on the role itself only: resolve its real ARN and simulate its own policies. */
export const SELF_IAM_ACTIONS = ["iam:GetRole", "iam:SimulatePrincipalPolicy"] as const;

/**
 * Scoped to the invocation-log group (CloudWatch Logs delivery). DescribeLogGroups is not granted:
 * it cannot be scoped to one group and the collector reads the configured group directly.
 */
export const LOGS_ACTIONS = ["logs:FilterLogEvents"] as const;

/** Scoped to the CUR bucket and the invocation-log bucket (ListObjectsV2 needs s3:ListBucket). */
export const S3_ACTIONS = ["s3:GetBucketLocation", "s3:ListBucket", "s3:GetObject"] as const;

/**
 * The concrete List actions the collectors send (the template grants them as `bedrock:List*`,
 * which the simulator expands; naming them lets the check say exactly which one is missing).
 */
export const BEDROCK_LIST_ACTIONS = [
  "bedrock:ListFoundationModels",
  "bedrock:ListProvisionedModelThroughputs",
  "bedrock:ListInferenceProfiles",
  "bedrock:ListTagsForResource",
] as const;

/**
 * Granted by the template's ReadPolicy but sent by no collector (src/collect/): the check lists
 * them, and a role without them still collects everything, so missing one is not a failure.
 */
export const UNUSED_READ_ACTIONS: readonly string[] = [
  "bedrock:GetFoundationModel",
  "cloudwatch:GetMetricStatistics",
  "cloudwatch:DescribeAlarms",
];

/** Needed on every account, with no resource scope. */
export const CORE_READ_ACTIONS: readonly string[] = [
  ...BEDROCK_LIST_ACTIONS,
  ...BEDROCK_GET_ACTIONS,
  ...CLOUDWATCH_ACTIONS,
  "iam:GetRole",
];

/**
 * Only verifies the others: without it the check falls back to probes and cannot prove the
 * dangerous actions are denied. Missing it is a warning, never a failure.
 */
export const VERIFY_ACTION = "iam:SimulatePrincipalPolicy";

/**
 * Must be denied. Real IAM action names: Converse is authorized by bedrock:InvokeModel and
 * ConverseStream by bedrock:InvokeModelWithResponseStream
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/inference-prereq.html); there is no
 * `bedrock:Converse` IAM action, so the invoke pair covers all four runtime calls.
 */
export const DANGEROUS_ACTIONS: readonly string[] = [
  "bedrock:InvokeModel",
  "bedrock:InvokeModelWithResponseStream",
  "bedrock:StartAsyncInvoke",
  "bedrock:CreateModelInvocationJob",
  "bedrock:CreateProvisionedModelThroughput",
  "bedrock:UpdateProvisionedModelThroughput",
  "bedrock:DeleteProvisionedModelThroughput",
  "bedrock:CreateModelCustomizationJob",
  "bedrock:CreateInferenceProfile",
  "bedrock:DeleteInferenceProfile",
  "bedrock:CreateGuardrail",
  "bedrock:UpdateGuardrail",
  "bedrock:DeleteGuardrail",
  "bedrock:DeleteCustomModel",
  "bedrock:TagResource",
  "bedrock:UntagResource",
  "bedrock:PutModelInvocationLoggingConfiguration",
  "bedrock:DeleteModelInvocationLoggingConfiguration",
  "s3:PutObject",
  "s3:DeleteObject",
  "logs:PutLogEvents",
  "logs:CreateLogGroup",
  "iam:PassRole",
];

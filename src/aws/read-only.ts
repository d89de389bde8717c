import type { InitializeMiddleware, MetadataBearer, Pluggable } from "@smithy/types";
import { AppError } from "../errors.js";

/**
 * READ-ONLY BY CONSTRUCTION (docs/architecture.md §7). Every client built in src/aws carries this middleware at
 * the front of the initialize step: a command outside the allow-list is refused before it is
 * serialized, signed, or sent — and before credentials are even resolved.
 *
 * Entries are `<iam-prefix>:<API operation>` (the operation name the SDK command carries).
 */
export const READ_ONLY_ACTIONS: ReadonlySet<string> = new Set([
  "sts:AssumeRole",
  "sts:GetCallerIdentity",
  "cloudwatch:GetMetricData",
  "cloudwatch:ListMetrics",
  "cloudwatch:GetMetricStatistics",
  "cloudwatch:DescribeAlarms",
  "bedrock:ListFoundationModels",
  "bedrock:GetFoundationModel",
  "bedrock:ListProvisionedModelThroughputs",
  "bedrock:GetProvisionedModelThroughput",
  "bedrock:ListInferenceProfiles",
  "bedrock:GetInferenceProfile",
  "bedrock:ListTagsForResource",
  "bedrock:GetModelInvocationLoggingConfiguration",
  "logs:FilterLogEvents",
  "logs:DescribeLogGroups",
  "s3:ListObjectsV2",
  "s3:GetObject",
  "s3:HeadObject",
  "s3:GetBucketLocation",
  "iam:SimulatePrincipalPolicy",
  "iam:GetRole",
  "pricing:GetProducts",
]);

/** SDK client class name → IAM service prefix. A client not listed here can send nothing. */
export const CLIENT_PREFIXES: Readonly<Record<string, string>> = {
  STSClient: "sts",
  CloudWatchClient: "cloudwatch",
  BedrockClient: "bedrock",
  CloudWatchLogsClient: "logs",
  S3Client: "s3",
  IAMClient: "iam",
  PricingClient: "pricing",
};

/**
 * Some API operations are authorized by an IAM action of another name: S3 `ListObjectsV2` needs
 * `s3:ListBucket`, `HeadObject` needs `s3:GetObject`
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html).
 */
const IAM_ACTION_OVERRIDES: Readonly<Record<string, string>> = {
  "s3:ListObjectsV2": "s3:ListBucket",
  "s3:HeadObject": "s3:GetObject",
};

/** The IAM action a policy must allow for `<prefix>:<Operation>`. */
export function iamActionFor(action: string): string {
  return IAM_ACTION_OVERRIDES[action] ?? action;
}

export class ReadOnlyViolationError extends AppError {
  readonly code = "ReadOnlyViolation";
  constructor(readonly action: string) {
    super(
      `refused to send ${action}: bedrock-spend is read-only and ${action} is not in its allow-list of read actions`,
      "this is a bug in the caller; bedrock-spend never writes to or invokes anything in AWS",
    );
  }
}

/** `CloudWatchClient` + `GetMetricDataCommand` → `cloudwatch:GetMetricData`. */
export function actionOf(clientName: string | undefined, commandName: string | undefined): string {
  const prefix = CLIENT_PREFIXES[clientName ?? ""] ?? `unknown(${clientName ?? "?"})`;
  return `${prefix}:${(commandName ?? "?").replace(/Command$/, "")}`;
}

export function assertReadOnly(clientName: string | undefined, commandName: string | undefined): string {
  const action = actionOf(clientName, commandName);
  if (!READ_ONLY_ACTIONS.has(action)) throw new ReadOnlyViolationError(action);
  return action;
}

/** Where the SDK keeps the operation a command serializes (SMITHY_CONTEXT_KEY in @smithy/types). */
const SMITHY_CONTEXT = "__smithy_context";

interface SmithyContext {
  operation?: string;
  /** Compact operation schema `[9, namespace, name, traits, input, output]` (or a schema object). */
  operationSchema?: unknown[] | { name?: string };
}

/** Every operation name a command carries; the serializer uses the schema's. */
function operationNames(context: Record<string, unknown>): string[] {
  const sc = context[SMITHY_CONTEXT] as SmithyContext | undefined;
  const schema = sc?.operationSchema;
  const fromSchema = Array.isArray(schema) ? schema[2] : schema?.name;
  return [sc?.operation, fromSchema].filter((x): x is string => typeof x === "string");
}

const readOnlyMiddleware: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
  const action = assertReadOnly(context.clientName, context.commandName);
  // Defense in depth: a hand-built command could carry a harmless name but serialize another
  // operation; whatever operation it carries must agree with the name that was checked.
  const [prefix, name] = action.split(":");
  const other = operationNames(context).find((op) => op !== name);
  if (other) throw new ReadOnlyViolationError(`${prefix}:${other}`);
  return next(args);
};

/** `client.middlewareStack.use(readOnlyPlugin)` — added to every client by createAwsAccess. */
export const readOnlyPlugin: Pluggable<object, MetadataBearer> = {
  applyToStack(stack) {
    stack.add(readOnlyMiddleware, {
      step: "initialize",
      priority: "high",
      name: "bedrockSpendReadOnly",
      tags: ["READ_ONLY"],
    });
  },
};

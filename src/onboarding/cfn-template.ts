import { z } from "zod";
import { UsageError } from "../errors.js";
import { BEDROCK_GET_ACTIONS, CLOUDWATCH_ACTIONS, LOGS_ACTIONS, SELF_IAM_ACTIONS } from "./actions.js";
import { Intrinsic, toYaml } from "./cfn-yaml.js";

/**
 * The CloudFormation template for the cross-account read-only role. Every optional scope (log
 * group, CUR bucket, invocation-log bucket) is a separate policy behind its own Condition, so a
 * stack deployed without a parameter grants nothing for it.
 */

export { Intrinsic };

export const DEFAULT_ROLE_NAME = "BedrockSpendReadOnly";

const ref = (name: string) => new Intrinsic("!Ref", name);
const sub = (text: string) => new Intrinsic("!Sub", text);
const isSet = (param: string) => new Intrinsic("!Not", [new Intrinsic("!Equals", [ref(param), ""])]);

const bucketName = z
  .string()
  .transform((s) => s.replace(/^s3:\/\//, "").split("/")[0])
  .pipe(z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "an S3 bucket name (or s3://bucket/prefix)"));

export const cfnOptionsSchema = z.strictObject({
  roleName: z
    .string()
    .regex(/^[\w+=,.@-]{1,64}$/, "an IAM role name: up to 64 letters, digits and + = , . @ _ -")
    .default(DEFAULT_ROLE_NAME),
  externalId: z
    .string()
    .regex(/^[\w+=,.@:/-]{2,1224}$/, "2-1224 characters of letters, digits and + = , . @ : / _ -")
    .optional(),
  trustedPrincipal: z
    .string()
    .regex(
      /^(\d{12}|arn:aws[a-z-]*:iam::\d{12}:(root|user\/.+|role\/.+))$/,
      "a 12-digit account id or an IAM user/role ARN (the identity bedrock-spend runs as)",
    )
    .optional(),
  // `:*` is how the console shows group ARNs; the template adds it back for the log streams.
  logGroupArn: z
    .string()
    .regex(
      /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:[^:*]+(:\*)?$/,
      "a CloudWatch Logs log-group ARN",
    )
    .transform((s) => s.replace(/:\*$/, ""))
    .optional(),
  curBucket: bucketName.optional(),
  logsBucket: bucketName.optional(),
});

export type CfnOptions = z.input<typeof cfnOptionsSchema>;

export function parseCfnOptions(raw: CfnOptions): z.output<typeof cfnOptionsSchema> {
  const r = cfnOptionsSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const flag = String(issue.path[0] ?? "").replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    throw new UsageError(`cfn-template --${flag}: ${issue.message}`);
  }
  return r.data;
}

function param(description: string, fallback: string | undefined, extra: Record<string, unknown> = {}) {
  return {
    Type: "String",
    Description: description,
    ...(fallback === undefined ? {} : { Default: fallback }),
    ...extra,
  };
}

function statement(sid: string, actions: readonly string[], resource: unknown) {
  return { Sid: sid, Effect: "Allow", Action: [...actions], Resource: resource };
}

function policy(name: string, statements: unknown[], condition?: string) {
  return {
    Type: "AWS::IAM::RolePolicy",
    ...(condition ? { Condition: condition } : {}),
    Properties: {
      RoleName: ref("Role"),
      PolicyName: name,
      PolicyDocument: { Version: "2012-10-17", Statement: statements },
    },
  };
}

function bucketPolicy(name: string, param: string, condition: string) {
  return policy(
    name,
    [
      statement(
        "ListBucket",
        ["s3:GetBucketLocation", "s3:ListBucket"],
        sub(`arn:\${AWS::Partition}:s3:::\${${param}}`),
      ),
      statement("ReadObjects", ["s3:GetObject"], sub(`arn:\${AWS::Partition}:s3:::\${${param}}/*`)),
    ],
    condition,
  );
}

/** The template as an object; intrinsics are `Intrinsic` values. */
export function buildCfnTemplate(raw: CfnOptions = {}): Record<string, unknown> {
  const o = parseCfnOptions(raw);
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description:
      "bedrock-spend read-only cross-account role: Bedrock control plane, CloudWatch metrics, optional CUR and invocation-log reads. No invoke, no writes.",
    Parameters: {
      RoleName: param("Name of the role bedrock-spend assumes", o.roleName),
      ExternalId: param("sts:ExternalId bedrock-spend sends (externalId in its config)", o.externalId, {
        MinLength: 2,
        NoEcho: true,
      }),
      TrustedPrincipal: param(
        "Account id or IAM ARN of the identity bedrock-spend runs as",
        o.trustedPrincipal,
      ),
      InvocationLogGroupArn: param("Optional: ARN of the Bedrock invocation-log group", o.logGroupArn ?? ""),
      CurBucket: param("Optional: S3 bucket of the CUR 2.0 export", o.curBucket ?? ""),
      InvocationLogBucket: param("Optional: S3 bucket of Bedrock invocation logs", o.logsBucket ?? ""),
    },
    Conditions: {
      HasInvocationLogGroup: isSet("InvocationLogGroupArn"),
      HasCurBucket: isSet("CurBucket"),
      HasInvocationLogBucket: isSet("InvocationLogBucket"),
    },
    Resources: {
      Role: {
        Type: "AWS::IAM::Role",
        Properties: {
          RoleName: ref("RoleName"),
          MaxSessionDuration: 3600,
          AssumeRolePolicyDocument: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Principal: { AWS: ref("TrustedPrincipal") },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "sts:ExternalId": ref("ExternalId") } },
              },
            ],
          },
        },
      },
      ReadPolicy: policy("bedrock-spend-read", [
        statement("BedrockControlPlaneRead", ["bedrock:List*", ...BEDROCK_GET_ACTIONS], "*"),
        statement("CloudWatchMetricsRead", CLOUDWATCH_ACTIONS, "*"),
        statement("InspectOwnRole", SELF_IAM_ACTIONS, new Intrinsic("!GetAtt", "Role.Arn")),
      ]),
      InvocationLogGroupReadPolicy: policy(
        "bedrock-spend-invocation-log-group-read",
        [
          statement("ReadInvocationLogGroup", LOGS_ACTIONS, [
            ref("InvocationLogGroupArn"),
            sub(`\${InvocationLogGroupArn}:*`),
          ]),
        ],
        "HasInvocationLogGroup",
      ),
      CurBucketReadPolicy: bucketPolicy("bedrock-spend-cur-read", "CurBucket", "HasCurBucket"),
      InvocationLogBucketReadPolicy: bucketPolicy(
        "bedrock-spend-invocation-log-bucket-read",
        "InvocationLogBucket",
        "HasInvocationLogBucket",
      ),
    },
    Outputs: {
      RoleArn: {
        Description: "roleArn for the bedrock-spend config",
        Value: new Intrinsic("!GetAtt", "Role.Arn"),
      },
    },
  };
}

/** The template as CloudFormation YAML (short-form intrinsics). */
export function renderCfnTemplate(raw: CfnOptions = {}): string {
  return toYaml(buildCfnTemplate(raw));
}

import { describe, expect, it } from "vitest";
import { parse, type Tags } from "yaml";
import { DANGEROUS_ACTIONS } from "../../src/onboarding/actions.js";
import { renderCfnTemplate } from "../../src/onboarding/cfn-template.js";

/** CloudFormation's short-form intrinsics, read into their long JSON form. */
const scalar = (tag: string, fn: string, split = false) => ({
  tag,
  resolve: (s: string) => ({ [fn]: split ? s.split(".") : s }),
});
const seq = (tag: string, fn: string) => ({
  tag,
  collection: "seq" as const,
  resolve: (v: { toJSON(): unknown }) => ({ [fn]: v.toJSON() }),
});
const CFN_TAGS: Tags = [
  scalar("!Ref", "Ref"),
  scalar("!Sub", "Fn::Sub"),
  scalar("!GetAtt", "Fn::GetAtt", true),
  seq("!If", "Fn::If"),
  seq("!Equals", "Fn::Equals"),
  seq("!Not", "Fn::Not"),
  seq("!And", "Fn::And"),
  seq("!Or", "Fn::Or"),
  seq("!Join", "Fn::Join"),
  seq("!Select", "Fn::Select"),
];

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}
interface Resource {
  Type: string;
  Condition?: string;
  Properties: Record<string, unknown> & { PolicyDocument?: { Statement: Statement[] } };
}
interface Template {
  AWSTemplateFormatVersion: string;
  Parameters: Record<string, { Type: string; Default?: string }>;
  Conditions: Record<string, unknown>;
  Resources: Record<string, Resource>;
  Outputs: Record<string, { Value: unknown }>;
}

const load = (opts = {}) => parse(renderCfnTemplate(opts), { customTags: CFN_TAGS }) as Template;

function actionsOf(t: Template, only?: (name: string, r: Resource) => boolean): string[] {
  const out: string[] = [];
  for (const [name, r] of Object.entries(t.Resources)) {
    if (r.Type !== "AWS::IAM::RolePolicy" || (only && !only(name, r))) continue;
    for (const s of r.Properties.PolicyDocument?.Statement ?? []) {
      expect(s.Effect).toBe("Allow");
      out.push(...(Array.isArray(s.Action) ? s.Action : [s.Action]));
    }
  }
  return out.sort();
}

const ALWAYS_ON = [
  "bedrock:GetFoundationModel",
  "bedrock:GetModelInvocationLoggingConfiguration",
  "bedrock:GetProvisionedModelThroughput",
  "bedrock:List*",
  "cloudwatch:DescribeAlarms",
  "cloudwatch:GetMetricData",
  "cloudwatch:GetMetricStatistics",
  "cloudwatch:ListMetrics",
  "iam:GetRole",
  "iam:SimulatePrincipalPolicy",
];

describe("cfn-template", () => {
  const t = load({ externalId: "ext-1234", trustedPrincipal: "arn:aws:iam::999999999999:user/ops" });

  it("grants exactly the read action set, across all policies", () => {
    expect(actionsOf(t, (_n, r) => !r.Condition)).toEqual(ALWAYS_ON);
    expect(actionsOf(t)).toEqual(
      [
        ...ALWAYS_ON,
        "logs:FilterLogEvents",
        ...Array(2).fill(["s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket"]).flat(),
      ].sort(),
    );
  });

  it("grants no write, invoke or data-plane action, and no wildcard beyond bedrock:List*", () => {
    const all = actionsOf(t);
    for (const a of all) {
      expect(DANGEROUS_ACTIONS).not.toContain(a);
      expect(a).toMatch(
        /^(bedrock:(List\*|Get\w+)|cloudwatch:(Get|List|Describe)\w+|iam:(GetRole|SimulatePrincipalPolicy)|logs:FilterLogEvents|s3:(Get\w+|ListBucket))$/,
      );
      expect(a).not.toMatch(/Invoke|Converse|Put|Create|Update|Delete|Tag|Retrieve|Apply/);
    }
    expect(all).not.toContain("*");
    expect(all).not.toContain("bedrock:*");
  });

  it("trusts the given principal only with the ExternalId condition", () => {
    const trust = t.Resources.Role.Properties.AssumeRolePolicyDocument as { Statement: unknown[] };
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { AWS: { Ref: "TrustedPrincipal" } },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": { Ref: "ExternalId" } } },
      },
    ]);
    expect(t.Parameters.TrustedPrincipal.Default).toBe("arn:aws:iam::999999999999:user/ops");
    expect(t.Parameters.ExternalId.Default).toBe("ext-1234");
  });

  it("scopes IAM self-inspection to the role's own ARN and outputs that ARN", () => {
    const read = t.Resources.ReadPolicy.Properties.PolicyDocument?.Statement ?? [];
    const self = read.find((s) => [s.Action].flat().includes("iam:GetRole"));
    expect(self?.Resource).toEqual({ "Fn::GetAtt": ["Role", "Arn"] });
    expect(t.Outputs.RoleArn.Value).toEqual({ "Fn::GetAtt": ["Role", "Arn"] });
  });

  it("puts every scoped policy behind a condition that tests its own parameter", () => {
    const expected: Record<string, [string, string]> = {
      InvocationLogGroupReadPolicy: ["HasInvocationLogGroup", "InvocationLogGroupArn"],
      CurBucketReadPolicy: ["HasCurBucket", "CurBucket"],
      InvocationLogBucketReadPolicy: ["HasInvocationLogBucket", "InvocationLogBucket"],
    };
    for (const [name, r] of Object.entries(t.Resources)) {
      const acts = actionsOf(t, (n) => n === name);
      if (!acts.some((a) => a.startsWith("s3:") || a.startsWith("logs:"))) continue;
      const [cond, p] = expected[name];
      expect(r.Condition).toBe(cond);
      expect(t.Conditions[cond]).toEqual({ "Fn::Not": [{ "Fn::Equals": [{ Ref: p }, ""] }] });
      const resources = JSON.stringify(r.Properties.PolicyDocument?.Statement.map((s) => s.Resource));
      expect(resources).toContain(p);
      expect(resources).not.toContain('"*"');
    }
    expect(Object.keys(t.Conditions).sort()).toEqual(
      Object.values(expected)
        .map(([c]) => c)
        .sort(),
    );
  });

  it("turns every flag into a parameter default, normalizing bucket URLs and log-group ARNs", () => {
    const t2 = load({
      roleName: "SpendReader",
      curBucket: "s3://payer-cur/cur/export",
      logsBucket: "bedrock-logs-111",
      logGroupArn: "arn:aws:logs:us-east-1:111111111111:log-group:/aws/bedrock/invocations:*",
    });
    const d = Object.fromEntries(Object.entries(t2.Parameters).map(([k, v]) => [k, v.Default]));
    expect(d).toEqual({
      RoleName: "SpendReader",
      ExternalId: undefined,
      TrustedPrincipal: undefined,
      InvocationLogGroupArn: "arn:aws:logs:us-east-1:111111111111:log-group:/aws/bedrock/invocations",
      CurBucket: "payer-cur",
      InvocationLogBucket: "bedrock-logs-111",
    });
    expect(load().Parameters.CurBucket.Default).toBe("");
    expect(t2.AWSTemplateFormatVersion).toBe("2010-09-09");
  });

  it("rejects bad flags with a message naming the field", () => {
    expect(() => renderCfnTemplate({ curBucket: "Bad_Bucket" })).toThrow(/--cur-bucket: an S3 bucket name/);
    expect(() => renderCfnTemplate({ trustedPrincipal: "bob" })).toThrow(/--trusted-principal/);
    expect(() => renderCfnTemplate({ logGroupArn: "arn:aws:s3:::x" })).toThrow(/--log-group-arn/);
  });
});

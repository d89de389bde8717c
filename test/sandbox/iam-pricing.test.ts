import {
  GetRoleCommand,
  paginateSimulatePrincipalPolicy,
  SimulatePrincipalPolicyCommand,
} from "@aws-sdk/client-iam";
import { GetProductsCommand, paginateGetProducts } from "@aws-sdk/client-pricing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AwsAccess } from "../../src/aws/access.js";
import { NEEDED_IAM_ACTIONS } from "../../src/sandbox/org-data.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { PROD, RESEARCH, STAGING, sandboxAccess, sandboxAccount } from "../helpers/sandbox.js";

describe("sandbox IAM and Pricing through the real SDK clients", () => {
  let sb: Sandbox;
  let aws: AwsAccess;
  beforeAll(async () => {
    sb = await startSandbox({
      now: new Date("2026-11-26T12:00:00Z"),
      logHours: 1,
      limits: { simulatePage: 7 },
    });
    aws = sandboxAccess(sb);
  });
  afterAll(async () => {
    aws.close();
    await sb.close();
  });

  const iam = (acct: string) => aws.clients(sandboxAccount(acct), "us-east-1").iam;
  const actions = [
    ...NEEDED_IAM_ACTIONS,
    "bedrock:InvokeModel",
    "bedrock:CreateProvisionedModelThroughput",
    "s3:PutObject",
  ];

  async function simulate(acct: string) {
    const role = await iam(acct).send(new GetRoleCommand({ RoleName: "BedrockSpendReadOnly" }));
    const decisions = new Map<string, string>();
    for await (const page of paginateSimulatePrincipalPolicy(
      { client: iam(acct) },
      { PolicySourceArn: role.Role!.Arn, ActionNames: actions },
    ))
      for (const r of page.EvaluationResults ?? []) decisions.set(r.EvalActionName!, r.EvalDecision!);
    return { role: role.Role!, decisions };
  }

  it("GetRole returns the role with its URL-encoded trust policy naming the ExternalId", async () => {
    const { role } = await simulate(PROD);
    expect(role.Arn).toBe("arn:aws:iam::111111111111:role/BedrockSpendReadOnly");
    const trust = JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!));
    expect(trust.Statement[0].Condition.StringEquals["sts:ExternalId"]).toBe("demo-ext-prod-7f3a");
  });

  it("SimulatePrincipalPolicy pages (MaxItems/Marker) and reflects each role's policy", async () => {
    sb.clearCallLog();
    const prod = await simulate(PROD);
    expect(sb.callLog().filter((c) => c.action === "iam:SimulatePrincipalPolicy")).toHaveLength(
      Math.ceil(actions.length / 7),
    );
    for (const a of NEEDED_IAM_ACTIONS) expect(prod.decisions.get(a)).toBe("allowed");
    expect(prod.decisions.get("bedrock:InvokeModel")).toBe("implicitDeny");
    expect(prod.decisions.get("s3:PutObject")).toBe("implicitDeny");
    const research = await simulate(RESEARCH);
    expect(research.decisions.get("bedrock:InvokeModel")).toBe("allowed");
  });

  it("a role without iam:SimulatePrincipalPolicy gets AccessDenied; a session ARN is InvalidInput", async () => {
    const arn = "arn:aws:iam::222222222222:role/BedrockSpendReadOnly";
    const denied = await iam(STAGING)
      .send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames: ["s3:GetObject"] }))
      .catch((e) => e);
    expect(denied.name).toBe("AccessDenied");
    const session = "arn:aws:sts::111111111111:assumed-role/BedrockSpendReadOnly/bedrock-spend";
    const invalid = await iam(PROD)
      .send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: session, ActionNames: ["s3:GetObject"] }))
      .catch((e) => e);
    expect(invalid.name).toBe("InvalidInputException");
  });

  it("GetProducts returns PriceList JSON strings for the three Bedrock offer codes, filtered and paged", async () => {
    const pricing = aws.clients(null, "us-east-1").pricing;
    const nova = await pricing.send(
      new GetProductsCommand({
        ServiceCode: "AmazonBedrock",
        Filters: [{ Type: "TERM_MATCH", Field: "usagetype", Value: "USE1-NovaPro-input-tokens" }],
      }),
    );
    expect(nova.PriceList).toHaveLength(1);
    const rec = JSON.parse(nova.PriceList![0] as string);
    type Dim = { unit: string; pricePerUnit: { USD: string } };
    const term = Object.values(rec.terms.OnDemand)[0] as { priceDimensions: Record<string, Dim> };
    const pd = Object.values(term.priceDimensions)[0];
    expect(pd.unit).toBe("1K tokens");
    expect(Number(pd.pricePerUnit.USD)).toBeCloseTo(0.0008, 10);
    sb.clearCallLog();
    const mp: string[] = [];
    for await (const page of paginateGetProducts(
      { client: pricing, pageSize: 10 },
      { ServiceCode: "AmazonBedrockFoundationModels" },
    ))
      mp.push(...(page.PriceList as string[]));
    expect(sb.callLog().length).toBe(Math.ceil(mp.length / 10));
    const names = new Set(mp.map((s) => JSON.parse(s).product.attributes.servicename));
    expect(names).toContain("Claude Sonnet 4.6 (Amazon Bedrock Edition)");
    const service = await pricing.send(
      new GetProductsCommand({ ServiceCode: "AmazonBedrockService", MaxResults: 100 }),
    );
    expect((service.PriceList as string[]).map((s) => JSON.parse(s).product.attributes.usagetype)).toContain(
      "USE1-Claude4.6Sonnet-input-tokens",
    );
  });
});

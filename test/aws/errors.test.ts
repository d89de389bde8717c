import { describe, expect, it } from "vitest";
import { describeAwsError, toAwsAppError } from "../../src/aws/errors.js";
import { ReadOnlyViolationError } from "../../src/aws/read-only.js";

const role = "arn:aws:iam::111111111111:role/BedrockSpendReadOnly";

describe("describeAwsError", () => {
  it.each([
    [
      { name: "AccessDeniedException" },
      "bedrock:ListInferenceProfiles",
      "lacks bedrock:ListInferenceProfiles",
    ],
    [{ name: "Forbidden", $metadata: { httpStatusCode: 403 } }, "s3:HeadObject", "lacks s3:GetObject"],
    [{ name: "UnrecognizedClientException" }, "logs:FilterLogEvents", "rejected the credentials"],
    [{ name: "ExpiredTokenException" }, "pricing:GetProducts", "credentials expired"],
    [{ name: "SlowDown", $metadata: { attempts: 5 } }, "s3:GetObject", "after 5 attempts"],
    [{ name: "TimeoutError", cause: { code: "ETIMEDOUT" } }, "sts:AssumeRole", "ETIMEDOUT"],
    [
      { name: "ValidationException", message: "bad input" },
      "bedrock:GetFoundationModel",
      "ValidationException: bad input",
    ],
  ])("%o during %s", (err, action, expected) => {
    expect(describeAwsError(err, { action, account: "111111111111", roleArn: role }).message).toContain(
      expected,
    );
  });

  it("a missing permission names the role, account and the policy to fix", () => {
    const d = describeAwsError(
      { name: "AccessDenied" },
      { action: "iam:SimulatePrincipalPolicy", account: "1", roleArn: role },
    );
    expect(d.message).toBe(`role ${role} (account 1) lacks iam:SimulatePrincipalPolicy`);
    expect(d.fix).toBe(
      "add iam:SimulatePrincipalPolicy to the read-only policy (bedrock-spend cfn-template)",
    );
    const base = describeAwsError({ name: "AccessDenied" }, { action: "s3:ListObjectsV2" });
    expect(base.message).toBe("the default credentials lack s3:ListBucket");
  });

  it("passes read-only refusals through and builds AppErrors without secrets", () => {
    const refused = describeAwsError(new ReadOnlyViolationError("bedrock:InvokeModel"), {
      action: "bedrock:InvokeModel",
    });
    expect(refused.name).toBe("ReadOnlyViolation");
    const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const app = toAwsAppError(
      { name: "AccessDenied", message: "x", secretAccessKey: secret },
      { action: "sts:AssumeRole", roleArn: role },
    );
    expect(`${app.message} ${app.hint}`).not.toContain(secret);
    expect(app.hint).toContain("ExternalId");
  });
});

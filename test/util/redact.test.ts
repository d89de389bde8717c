import { describe, expect, it } from "vitest";
import { redactSecrets } from "../../src/util/redact.js";

describe("redactSecrets", () => {
  it.each([
    ["key AKIAIOSFODNN7EXAMPLE denied", "key [redacted] denied"],
    ["temp ASIAXXXXXXXXXXXXXXXX", "temp [redacted]"],
    ["slack xoxb-123-456-abcDEF failed", "slack [redacted] failed"],
    ["app xapp-1-A0-123-abc", "app [redacted]"],
    ["Authorization: Bearer abc.def-123", "Authorization: Bearer [redacted]"],
    ["url?token=s3cr3t&x=1", "url?token=[redacted]&x=1"],
    ['{"password": "hunter22"}', '{"password": "[redacted]"}'],
    ["aws_secret_access_key=wJalrXUtnFEMI/K7MDENG", "aws_secret_access_key=[redacted]"],
    [
      "connect postgres://spend:pa55w0rd@db:5432/spend failed",
      "connect postgres://spend:[redacted]@db:5432/spend failed",
    ],
    ["store postgres://db.internal/spend", "store postgres://db.internal/spend"],
    ["missing or wrong bearer token: send it", "missing or wrong bearer token: send it"],
  ])("%s", (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it("removes known secret values and leaves ordinary text alone", () => {
    expect(redactSecrets("the token is tok-12345 here", ["tok-12345"])).toBe("the token is [redacted] here");
    expect(redactSecrets("no such table: cost_daily (model Claude Sonnet 4.6)")).toBe(
      "no such table: cost_daily (model Claude Sonnet 4.6)",
    );
  });
});

import { describe, expect, it } from "vitest";
import { resolveMetricCoverage } from "../../src/analyze/anomaly/coverage.js";
import { dataGaps, type GapFacts } from "../../src/analyze/data-gaps.js";
import { isTransientAwsError } from "../../src/aws/errors.js";
import type { FailingUnit } from "../../src/domain/facts.js";

const PROD = "111111111111";
const RESEARCH = "333333333333";
const ROLE = `arn:aws:iam::${RESEARCH}:role/BedrockSpendReadOnly`;
const accounts = [
  { id: PROD, name: "prod", roleArn: null, regions: ["us-east-1"] },
  { id: RESEARCH, name: "research", roleArn: ROLE, regions: ["us-east-1", "eu-central-1"] },
];

const unit = (over: Partial<FailingUnit>): FailingUnit => ({
  source: "metrics",
  account: RESEARCH,
  region: "us-east-1",
  errorName: "AccessDenied",
  error: `role ${ROLE} (account ${RESEARCH}) lacks cloudwatch:GetMetricData`,
  fix: "add cloudwatch:GetMetricData to the read-only policy (bedrock-spend cfn-template)",
  since: "2026-11-30T09:05:12.000Z",
  failures: 3,
  ...over,
});

function facts(
  failing: FailingUnit[],
  marks: { account: string; region: string; lastHour: string }[] = [],
): GapFacts {
  const configured = accounts.flatMap((a) => a.regions.map((region) => ({ account: a.id, region })));
  return {
    failing,
    coverage: resolveMetricCoverage({
      configured,
      spans: [],
      watermarks: marks,
      failing,
      lastMetricHour: null,
    }),
    accounts,
    firstMetricHour: "2026-10-01T00:00Z",
    isTransient: isTransientAwsError,
  };
}

const OK = [{ account: PROD, region: "us-east-1", lastHour: "2026-12-01T09:00Z" }];

describe("dataGaps", () => {
  it("a denied action is one gap per account when every region fails alike, with the action and role in the fix", () => {
    const gaps = dataGaps(
      facts([unit({}), unit({ region: "eu-central-1", since: "2026-11-30T09:06:00.000Z" })], OK),
    );
    expect(gaps).toEqual([
      {
        id: expect.stringMatching(/^gap-/),
        account: RESEARCH,
        accountName: "research",
        region: null,
        source: "metrics",
        // Never collected: its data is missing from the store's first metric hour, not from the
        // first failed run.
        since: "2026-10-01T00:00Z",
        reason:
          "cloudwatch:GetMetricData denied (AccessDenied) in every region (eu-central-1, us-east-1) since 2026-11-30T09:05Z (3 runs in a row); no CloudWatch metrics collected for it yet",
        fix: `allow cloudwatch:GetMetricData in role ${ROLE} (redeploy the read-only policy: \`bedrock-spend cfn-template\`); the next \`collect\` backfills the missing hours`,
      },
    ]);
    // The id depends on account, region, source and since only: the same gap keeps it run after run.
    const later = dataGaps(
      facts(
        [
          unit({ failures: 9 }),
          unit({ region: "eu-central-1", since: "2026-11-30T09:06:00.000Z", failures: 9 }),
        ],
        OK,
      ),
    );
    expect(later[0].id).toBe(gaps[0].id);
  });

  it("a unit that collected before and now fails: the gap starts after its last hour, its id at the failure", () => {
    const marks = [...OK, { account: RESEARCH, region: "us-east-1", lastHour: "2026-11-30T02:00Z" }];
    const east = (gaps: ReturnType<typeof dataGaps>) => gaps.find((g) => g.region === "us-east-1")!;
    const gap = east(dataGaps(facts([unit({})], marks)));
    // Hours 03:00-09:00 were never read either: "no metrics since 09:05" would understate it.
    expect(gap.since).toBe("2026-11-30T03:00Z");
    expect(gap.reason).toBe(
      "cloudwatch:GetMetricData denied (AccessDenied) since 2026-11-30T09:05Z (3 runs in a row)",
    );
    // Identity from the failure, as before: restating where the data stops never makes a new gap.
    const noMarks = east(dataGaps(facts([unit({})], OK)));
    expect(noMarks.id).toBe(gap.id);
    expect(noMarks.since).toBe("2026-10-01T00:00Z");
    // A watermark past the first failure (a run that failed after reading part): the failure bounds it.
    const ahead = [...OK, { account: RESEARCH, region: "us-east-1", lastHour: "2026-11-30T12:00Z" }];
    expect(east(dataGaps(facts([unit({})], ahead))).since).toBe("2026-11-30T09:05Z");
  });

  it("one region failing is its own gap; one throttled run is not a gap, two in a row are", () => {
    const throttled = unit({
      region: "eu-central-1",
      errorName: "ThrottlingException",
      error: "slow down",
      fix: null,
      failures: 1,
    });
    const marks = [...OK, { account: RESEARCH, region: "eu-central-1", lastHour: "2026-12-01T09:00Z" }];
    const gaps = dataGaps(facts([unit({}), throttled], marks));
    expect(gaps.map((g) => [g.region, g.source])).toEqual([["us-east-1", "metrics"]]);
    const twice = dataGaps(facts([unit({}), { ...throttled, failures: 2 }], marks));
    expect(twice.map((g) => g.region).sort()).toEqual(["eu-central-1", "us-east-1"]);
    expect(twice.find((g) => g.region === "eu-central-1")?.reason).toBe(
      "CloudWatch metrics collection failing since 2026-11-30T09:05Z (2 runs in a row): ThrottlingException: slow down",
    );
  });

  it("a configured account/region whose metrics stop (or never start) while others continue is a gap", () => {
    const marks = [...OK, { account: RESEARCH, region: "us-east-1", lastHour: "2026-12-01T02:00Z" }];
    const gaps = dataGaps(facts([], marks));
    expect(gaps.map((g) => [g.region, g.since])).toEqual([
      ["eu-central-1", "2026-10-01T00:00Z"],
      ["us-east-1", "2026-12-01T03:00Z"],
    ]);
    expect(gaps[1].reason).toBe(
      "no CloudWatch metrics after 2026-12-01T02:00Z while other account/regions have them through 2026-12-01T09:00Z",
    );
    // Two hours behind is an ordinary collection delay, not a gap.
    const close = [...OK, { account: RESEARCH, region: "us-east-1", lastHour: "2026-12-01T07:00Z" }];
    expect(dataGaps(facts([], close)).map((g) => g.region)).toEqual(["eu-central-1"]);
  });

  it("other sources: a failing logs unit names its error and the stored fix", () => {
    const logs = unit({
      source: "logs",
      errorName: "NoSuchBucket",
      error: "bucket gone",
      fix: "fix invocationLogs.s3.bucket",
    });
    const [gap] = dataGaps(
      facts(
        [logs],
        [
          ...OK,
          ...accounts[1].regions.map((region) => ({
            account: RESEARCH,
            region,
            lastHour: "2026-12-01T09:00Z",
          })),
        ],
      ),
    );
    expect(gap).toMatchObject({ source: "logs", region: "us-east-1" });
    expect(gap.fix).toBe(`fix invocationLogs.s3.bucket (role ${ROLE})`);
  });
});

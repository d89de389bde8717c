import { describe, expect, it } from "vitest";
import { buildOrg } from "../../src/sandbox/org-data.js";
import { HOUR_MS, hourSeries } from "../../src/sandbox/org-metrics.js";
import { DEMO_MODELS, DEMO_SPIKE } from "../../src/synthetic/org.js";

const NOW = new Date("2026-11-26T12:30:00Z"); // a Thursday
const org = buildOrg({ now: NOW });
const DAY = 24 * HOUR_MS;

/** Input tokens of one model (all its ModelIds) in one account/region over one UTC day. */
function dayInput(account: string, region: string, model: string, dayStart: number): number {
  let sum = 0;
  for (const e of org.modelIds(account, region).filter((x) => x.model?.model === model)) {
    const s = hourSeries(org, account, region, e.modelId)!;
    for (let h = dayStart; h < dayStart + DAY; h += HOUR_MS) sum += s(h)?.InputTokenCount?.sum ?? 0;
  }
  return sum;
}

describe("generated AWS/Bedrock metrics", () => {
  it("daily volumes match the CUR generator's (dailyInputTokens × account share × region share)", () => {
    const tuesday = Date.UTC(2026, 10, 24);
    const sonnet = DEMO_MODELS.find((m) => m.model === "Claude Sonnet 4.6")!;
    const got = dayInput("111111111111", "us-east-1", sonnet.model, tuesday);
    expect(got / (sonnet.dailyInputTokens * 0.6 * 0.7)).toBeGreaterThan(0.9);
    expect(got / (sonnet.dailyInputTokens * 0.6 * 0.7)).toBeLessThan(1.1);
    const saturday = Date.UTC(2026, 10, 21);
    expect(dayInput("111111111111", "us-east-1", sonnet.model, saturday) / got).toBeCloseTo(0.55, 1);
  });

  it("carries the demo spike on its day, for its account and model only", () => {
    const spikeDay = Date.UTC(2026, 10, 26) - DEMO_SPIKE.daysAgo * DAY;
    const before = dayInput("333333333333", "us-east-1", DEMO_SPIKE.model, spikeDay - 7 * DAY);
    const spike = dayInput("333333333333", "us-east-1", DEMO_SPIKE.model, spikeDay);
    expect(spike / before).toBeGreaterThan(4.5); // 0.6 × 1 + 0.4 × 12 = 5.4 ± noise
    const other = dayInput("111111111111", "us-east-1", DEMO_SPIKE.model, spikeDay);
    expect(other / dayInput("111111111111", "us-east-1", DEMO_SPIKE.model, spikeDay - 7 * DAY)).toBeLessThan(
      1.3,
    );
  });

  it("the provisioned throughput is mostly idle and nothing exists for unfinished hours", () => {
    const pt = hourSeries(org, "111111111111", "us-east-1", org.provisionedArn)!;
    let active = 0;
    for (let h = NOW.getTime() - 14 * DAY; h < NOW.getTime() - HOUR_MS; h += HOUR_MS) if (pt(h)) active += 1;
    expect(active).toBeGreaterThan(0);
    expect(active / (14 * 24)).toBeLessThan(0.15);
    const lite = hourSeries(org, "111111111111", "us-east-1", "amazon.nova-lite-v1:0")!;
    expect(lite(Date.UTC(2026, 10, 26, 11))).not.toBeNull();
    expect(lite(Date.UTC(2026, 10, 26, 12))).toBeNull(); // 12:00–13:00 has not ended at 12:30
    expect(hourSeries(org, "111111111111", "us-east-1", "nope.model")).toBeNull();
  });

  it("scale: every account serves the same ModelIds in every given region, every hour", () => {
    const regions = ["us-east-1", "us-west-2", "eu-central-1"];
    const scaled = buildOrg({ now: NOW, scale: { regions, modelIds: 20 } });
    const from = NOW.getTime() - 90 * DAY;
    const idle: string[] = [];
    for (const a of scaled.accounts) {
      expect(a.regions).toEqual(regions);
      for (const r of regions) {
        const ids = scaled.modelIds(a.id, r);
        expect(ids).toHaveLength(20);
        expect(ids.every((e) => e.model)).toBe(true); // no provisioned ARN
        expect(scaled.regionShare(a.id, r)).toBeCloseTo(1 / 3);
        for (const e of ids) {
          const s = hourSeries(scaled, a.id, r, e.modelId)!;
          for (let h = Math.floor(from / HOUR_MS) * HOUR_MS; h + HOUR_MS <= NOW.getTime(); h += HOUR_MS)
            if (!s(h)?.InputTokenCount?.sum) idle.push(`${a.id}/${r}/${e.modelId}@${h}`);
        }
      }
    }
    expect(idle).toEqual([]);
    expect(scaled.modelIds("111111111111", "ap-south-1")).toEqual([]);
    expect(
      buildOrg({ now: NOW, scale: { regions, modelIds: 5 } }).modelIds("222222222222", "eu-central-1"),
    ).toHaveLength(5);
    expect(() => buildOrg({ now: NOW, scale: { regions, modelIds: 999 } })).toThrow(/modelIds/);
    // The demo org is untouched: 1-2 regions per account, nothing elsewhere.
    expect(org.modelIds("222222222222", "us-west-2")).toEqual([]);
    expect(org.regionShare("111111111111", "us-west-2")).toBe(0.3);
  });
});

import { describe, expect, it } from "vitest";
import { explainDrivers } from "../../../src/analyze/anomaly/index.js";

const flat = (n: number, v: number, last: number) => [...new Array(n).fill(v), last];

describe("explainDrivers", () => {
  it("names the principal whose own change explains a spike, with dollars", () => {
    const drivers = explainDrivers(28, 500, "day", [
      {
        dimension: "principal",
        series: [
          { key: "arn:aws:sts::1:assumed-role/A/a", values: flat(28, 100, 105) },
          { key: "arn:aws:sts::1:assumed-role/B/bob", values: flat(28, 50, 545) },
        ],
      },
      { dimension: "region", series: [{ key: "us-east-1", values: flat(28, 150, 650) }] },
    ]);
    expect(drivers[0]).toEqual({ dimension: "region", key: "us-east-1", impactUsd: 500 });
    expect(drivers[1]).toEqual({
      dimension: "principal",
      key: "arn:aws:sts::1:assumed-role/B/bob",
      impactUsd: 495,
    });
    expect(drivers).toHaveLength(2);
  });

  it("a brand-new key (no history) explains all of its spend; missing today counts as $0", () => {
    const drivers = explainDrivers(5, -80, "day", [
      {
        dimension: "model",
        series: [
          { key: "Nova Pro", values: [null, null, null, null, null, 300] },
          { key: "Nova Lite", values: [100, 100, 100, 100, 100, null] },
        ],
      },
    ]);
    expect(drivers).toEqual([{ dimension: "model", key: "Nova Lite", impactUsd: -100 }]);
  });

  it("ignores changes against the anomaly's direction and tiny ones", () => {
    const drivers = explainDrivers(28, 400, "day", [
      {
        dimension: "token_type",
        series: [
          { key: "output", values: flat(28, 100, 20) },
          { key: "cache_read", values: flat(28, 100, 110) },
          { key: "input", values: flat(28, 100, 480) },
        ],
      },
    ]);
    expect(drivers).toEqual([{ dimension: "token_type", key: "input", impactUsd: 380 }]);
  });

  it("empty slices → no drivers", () => {
    expect(explainDrivers(3, 100, "day", [])).toEqual([]);
  });
});

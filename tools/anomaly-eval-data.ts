/**
 * Labelled synthetic daily cost series for the anomaly evaluation (seeded, deterministic).
 * Each series: weekly seasonality × growth × multiplicative noise, optional missing days, and
 * events in the evaluated tail: spikes and drops of various sizes, level shifts, or nothing.
 */

export type Kind = "clean" | "spikes" | "drops" | "shift" | "cold";

export interface Label {
  index: number;
  direction: "spike" | "drop";
  /** |actual − clean value| in USD. */
  impactUsd: number;
  /** Impact in units of the day's noise sigma (USD). */
  sigmas: number;
  /** actual / clean value: 3 means a 3× day. */
  ratio: number;
}

export interface LabelledSeries {
  kind: Kind;
  values: (number | null)[];
  /** The noiseless value of each day (seasonality × growth): what a perfect baseline expects. */
  clean: number[];
  /** Multiplicative noise level (sigma as a fraction of the clean value). */
  noise: number;
  evalFrom: number;
  labels: Label[];
  /** Buckets whose alerts are neither right nor wrong (the days right after a level shift). */
  ignore: Set<number>;
}

/** mulberry32: a tiny seeded PRNG, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gauss(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

function weeklyPattern(rand: () => number): number[] {
  const style = rand();
  if (style < 0.25) return [1, 1, 1, 1, 1, 1, 1];
  if (style < 0.7) {
    const weekend = 0.15 + rand() * 0.55;
    return [1, 1, 1, 1, 1, weekend, weekend];
  }
  return Array.from({ length: 7 }, () => 0.7 + rand() * 0.6);
}

const HISTORY = 70;
const EVAL = 28;

export function generateSeries(seed: number, kind: Kind): LabelledSeries {
  const rand = prng(seed);
  const history = kind === "cold" ? 8 + Math.floor(rand() * 10) : HISTORY;
  const n = history + EVAL;
  const level = Math.exp(Math.log(30) + rand() * Math.log(3000 / 30));
  const weekly = weeklyPattern(rand);
  const phase = Math.floor(rand() * 7);
  const growth = -0.004 + rand() * 0.016;
  // Most series are fairly steady (3–13% daily noise); one in five is noisy (13–30%).
  const noise = rand() < 0.2 ? 0.13 + rand() * 0.17 : 0.03 + rand() * 0.1;
  const missingRate = rand() < 0.35 ? 0.02 + rand() * 0.05 : 0;

  const clean = Array.from({ length: n }, (_, i) => level * weekly[(i + phase) % 7] * (1 + growth) ** i);
  const values: (number | null)[] = clean.map((c) => Math.max(0, c * (1 + noise * gauss(rand))));
  const sigmaUsd = (i: number) => clean[i] * noise;
  const labels: Label[] = [];
  const ignore = new Set<number>();

  // Past incidents the baseline must shrug off (unlabelled: they are history).
  if (rand() < 0.5) {
    const i = 7 + Math.floor(rand() * (history - 14));
    values[i] = (values[i] as number) * (3 + rand() * 5);
  }

  const pickDay = () => history + Math.floor(rand() * EVAL);
  if (kind === "spikes" || kind === "cold") {
    const count = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < count; k++) {
      const i = pickDay();
      if (labels.some((l) => Math.abs(l.index - i) < 2)) continue;
      // Half the spikes are sized in noise sigmas (how visible), half as multiples of the day (how big).
      const add =
        rand() < 0.5
          ? sigmaUsd(i) * [3, 4, 6, 8, 12, 20, 40][Math.floor(rand() * 7)]
          : clean[i] * ([1.5, 2, 3, 3, 4, 6, 10][Math.floor(rand() * 7)] - 1);
      values[i] = clean[i] + add;
      labels.push({
        index: i,
        direction: "spike",
        impactUsd: add,
        sigmas: add / sigmaUsd(i),
        ratio: (clean[i] + add) / clean[i],
      });
    }
  } else if (kind === "drops") {
    const i = pickDay();
    const keep = rand() < 0.5 ? 0 : 0.2 + rand() * 0.3;
    values[i] = clean[i] * keep;
    const impact = clean[i] * (1 - keep);
    labels.push({
      index: i,
      direction: "drop",
      impactUsd: impact,
      sigmas: impact / sigmaUsd(i),
      ratio: keep,
    });
  } else if (kind === "shift") {
    const s = history + Math.floor(rand() * (EVAL - 7));
    const factor = rand() < 0.75 ? 1.6 + rand() * 1.5 : 0.3 + rand() * 0.3;
    for (let i = s; i < n; i++) values[i] = (values[i] as number) * factor;
    const impact = Math.abs(clean[s] * (factor - 1));
    labels.push({
      index: s,
      direction: factor > 1 ? "spike" : "drop",
      impactUsd: impact,
      sigmas: impact / sigmaUsd(s),
      ratio: factor,
    });
    // The baseline needs about a week to adopt the new level: alerts then are neither right nor wrong.
    for (let i = s + 1; i < Math.min(n, s + 8); i++) ignore.add(i);
  }
  for (let i = 0; i < n; i++) {
    if (missingRate && rand() < missingRate && !labels.some((l) => l.index === i)) values[i] = null;
  }
  return { kind, values, clean, noise, evalFrom: history, labels, ignore };
}

/** The labelled set: 100 clean, 90 spike, 40 drop, 40 level-shift and 30 cold-start series. */
export function generateSet(seed = 42): LabelledSeries[] {
  const plan: [Kind, number][] = [
    ["clean", 100],
    ["spikes", 90],
    ["drops", 40],
    ["shift", 40],
    ["cold", 30],
  ];
  const out: LabelledSeries[] = [];
  let k = 0;
  for (const [kind, count] of plan) {
    for (let j = 0; j < count; j++) out.push(generateSeries(seed * 100_003 + k++, kind));
  }
  return out;
}

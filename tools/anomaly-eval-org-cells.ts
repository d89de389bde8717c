import { DEMO_MODELS } from "../src/synthetic/org.js";
import { parseDay } from "../src/util/dates.js";

/**
 * The cells of a synthetic organization (tools/anomaly-eval-org.ts): account × region × model,
 * each with its own level, output ratio, night and weekend factors, hour shift and principals.
 */

const REGIONS = ["us-east-1", "us-west-2", "eu-central-1"];
export const MODELS = DEMO_MODELS.filter((m) => m.billing !== "marketplace");

export const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)];
/** Runaways happen where the traffic is: a cell is picked in proportion to its spend. */
export function weighted<T extends { peakUsd: number }>(rand: () => number, list: readonly T[]): T {
  let r = rand() * list.reduce((s, x) => s + x.peakUsd, 0);
  for (const x of list) {
    r -= x.peakUsd;
    if (r <= 0) return x;
  }
  return list[list.length - 1];
}
export const hourLabel = (day: string, h: number) => `${day}T${String(h).padStart(2, "0")}:00Z`;
export const usdPerToken = (m: (typeof MODELS)[number], outRatio: number) =>
  (m.price.input + outRatio * m.price.output) / 1e6;

export interface Cell {
  account: string;
  region: string;
  model: (typeof MODELS)[number];
  peakUsd: number;
  outRatio: number;
  night: number;
  weekend: number;
  shift: number;
  principals: [string, number][];
}

export function cellsOf(rand: () => number, accounts: string[]): Cell[] {
  const cells: Cell[] = [];
  for (const account of accounts) {
    const n = 1 + Math.floor(rand() * 3);
    const principals: [string, number][] = Array.from({ length: n }, (_, i) => [
      `arn:aws:sts::${account}:assumed-role/Team${i}/svc-${i}`,
      0.2 + rand(),
    ]);
    const sum = principals.reduce((s, [, w]) => s + w, 0);
    for (const p of principals) p[1] /= sum;
    const regions = [...REGIONS].sort(() => rand() - 0.5).slice(0, 1 + Math.floor(rand() * 2));
    for (const region of regions) {
      const models = [...MODELS].sort(() => rand() - 0.5).slice(0, 1 + Math.floor(rand() * 3));
      for (const model of models)
        cells.push({
          account,
          region,
          model,
          peakUsd: Math.exp(Math.log(0.5) + rand() * Math.log(80)),
          outRatio: 0.1 + rand() * 0.3,
          night: rand() < 0.3 ? 0.8 + rand() * 0.2 : 0.15 + rand() * 0.4,
          weekend: 0.3 + rand() * 0.7,
          shift: Math.floor(rand() * 12),
          principals,
        });
    }
  }
  return cells;
}

export const shape = (c: Cell, hour: string) => {
  const h = (Number(hour.slice(11, 13)) + c.shift) % 24;
  const weekend = [0, 6].includes(parseDay(hour.slice(0, 10)).getUTCDay());
  return (h >= 8 && h <= 18 ? 1 : c.night) * (weekend ? c.weekend : 1);
};

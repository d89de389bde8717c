import { eachDay } from "../../util/dates.js";
import { DEMO_MODELS, DEMO_PROVISIONED } from "../org.js";
import { type BedrockDayInput, bedrockDayLines, provisionedDayLine } from "./bedrock-lines.js";
import { bedrockAdjustments, nearMissLines } from "./extra-lines.js";
import type { Rng } from "./prng.js";
import { committedPtDayLine, savingsDayLines } from "./savings-lines.js";
import type { GenLine, PeriodTruth } from "./types.js";

const PROVISIONED_MODEL = DEMO_MODELS.find((m) => m.modelId === DEMO_PROVISIONED.modelId)?.model ?? null;

export interface PeriodSpec {
  period: string;
  firstDay: string;
  lastDay: string;
  spikeDay: string;
  volumeFactor: number;
  /** Each daily Bedrock usage line is written as about this many hourly lines (scale); 1 = daily lines. */
  split: number;
  rng: Rng;
}

const add = (m: Record<string, number>, k: string, v: number) => {
  m[k] = (m[k] ?? 0) + v;
};

function splitLine(line: GenLine, k: number): GenLine[] {
  if (k <= 1) return [line];
  const day = line.start.slice(0, 10);
  return Array.from({ length: k }, (_, i) => ({
    ...line,
    start: `${day}T${String(i % 24).padStart(2, "0")}:00:00Z`,
    hours: 1,
    usageAmount: line.usageAmount / k,
    cost: line.cost / k,
    listCost: line.listCost / k,
  }));
}

/**
 * Every hand-modelled line of one delivery of a period and what it adds up to. The truth is summed
 * from the exact doubles written to the file, so an ingester that is right matches it to the cent.
 */
export function buildPeriod(spec: PeriodSpec): {
  lines: GenLine[];
  truth: PeriodTruth;
  byUsageType: Record<string, number>;
} {
  const lines: GenLine[] = [];
  const truth: PeriodTruth = {
    period: spec.period,
    costUsd: 0,
    byModel: {},
    byDay: {},
    byAccount: {},
    tokensByModel: {},
    creditsUsd: 0,
    refundsUsd: 0,
    discountsUsd: 0,
    taxUsd: 0,
    lines: 0,
    bedrockLines: 0,
    bedrockUsageLines: 0,
    nonBedrockLines: 0,
    firstDay: spec.firstDay,
    lastUsageDay: spec.lastDay,
  };
  const byUsageType: Record<string, number> = {};
  let written = 0;
  const usage = (l: GenLine, model: string | null, tokens: number) => {
    // A fractional split spreads evenly: line i gets floor((i+1)·s) − floor(i·s) parts (at least 1).
    const k = Math.max(1, Math.floor((written + 1) * spec.split) - Math.floor(written * spec.split));
    written++;
    for (const part of splitLine(l, k)) {
      lines.push(part);
      truth.costUsd += part.cost;
      if (model) add(truth.byModel, model, part.cost);
      add(truth.byDay, part.start.slice(0, 10), part.cost);
      add(truth.byAccount, part.account, part.cost);
      add(byUsageType, part.usageType, part.cost);
      truth.bedrockUsageLines++;
    }
    if (model && tokens) add(truth.tokensByModel, model, tokens);
  };
  for (const day of eachDay(spec.firstDay, spec.lastDay)) {
    const input: BedrockDayInput = {
      day,
      spikeDay: spec.spikeDay,
      volumeFactor: spec.volumeFactor,
      rng: spec.rng,
    };
    for (const { line, model, tokens } of bedrockDayLines(input)) usage(line, model, tokens);
    usage(provisionedDayLine(day), PROVISIONED_MODEL, 0);
    for (const { line, model, tokens } of savingsDayLines(day)) usage(line, model, tokens);
    usage(committedPtDayLine(day), "Llama 3.3 70B", 0);
    const near = nearMissLines(day);
    lines.push(...near);
    truth.nonBedrockLines += near.length;
  }
  for (const adj of bedrockAdjustments(spec.firstDay, spec.lastDay, truth.byAccount)) {
    lines.push(adj.line);
    const key = {
      credit: "creditsUsd",
      refund: "refundsUsd",
      discount: "discountsUsd",
      tax: "taxUsd",
    } as const;
    truth[key[adj.kind]] += adj.line.cost;
    truth.bedrockLines++;
  }
  truth.bedrockLines += truth.bedrockUsageLines;
  truth.lines = lines.length;
  return { lines, truth, byUsageType };
}

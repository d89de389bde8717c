import { writeFileSync } from "node:fs";
import type { PriceEntry, PriceFile } from "../../src/prices/types.js";
import { priceFileSchema } from "../../src/prices/types.js";

/**
 * Builds src/prices/bedrock-prices.json from the reference snapshot (docs/aws-data.md §6.2) and the
 * multipliers of §6.3. Every entry that is not a published number carries `derived` saying how it
 * was derived. Run: `npx tsx tools/prices/build-price-table.ts` (then `npx biome format --write`).
 */

type Kinds = { input: number; output?: number; cacheRead?: number; cw5m?: number; cw1h?: number };
interface Base {
  model: string;
  /** Published numbers per route; a missing route is derived from the other (regional = 1.1 × global). */
  regional?: Kinds;
  global?: Kinds;
  /** Published batch numbers (else 50 % of on-demand, derived). */
  batch?: { input: number; output: number };
  /** Service tiers offered (Nova Pro: flex 0.5×, priority 1.75× from one Price List fixture, UNVERIFIED). */
  tiers?: ("flex" | "priority")[];
  regions?: string[];
  effectiveFrom?: string;
  note?: string;
}

const US = ["us-east-1", "us-east-2", "us-west-2"];
const EU = ["eu-central-1", "eu-west-1"];
const DEFAULT_REGIONS = [...US, ...EU];
const SINCE = "2024-01-01";

const BASES: Base[] = [
  {
    model: "Claude Sonnet 4.6",
    global: { input: 3, output: 15, cacheRead: 0.3, cw5m: 3.75, cw1h: 6 },
    regional: { input: 3.3, output: 16.5, cacheRead: 0.33, cw5m: 4.125, cw1h: 6.6 },
  },
  {
    model: "Claude Sonnet 4.5",
    global: { input: 3, output: 15, cacheRead: 0.3, cw5m: 3.75, cw1h: 6 },
    regional: { input: 3.3, output: 16.5, cacheRead: 0.33, cw5m: 4.125, cw1h: 6.6 },
  },
  {
    model: "Claude Sonnet 4.5",
    regional: { input: 3.6, output: 18, cacheRead: 0.36, cw5m: 4.5, cw1h: 7.2 },
    batch: { input: 1.8, output: 9 },
    regions: ["us-gov-west-1"],
    note: "GovCloud (litellm #27120 quoting the AWS page)",
  },
  {
    model: "Claude Haiku 4.5",
    global: { input: 1, output: 5, cacheRead: 0.1, cw5m: 1.25, cw1h: 2 },
    regional: { input: 1.1, output: 5.5, cacheRead: 0.11, cw5m: 1.375, cw1h: 2.2 },
  },
  { model: "Claude Opus 4.6", global: { input: 5, output: 25, cacheRead: 0.5, cw5m: 6.25 } },
  { model: "Claude Opus 4.5", global: { input: 5, output: 25, cacheRead: 0.5, cw5m: 6.25 } },
  { model: "Claude 3.5 Haiku", regional: { input: 0.8, output: 4, cacheRead: 0.08, cw5m: 1 } },
  {
    model: "Claude 3.5 Sonnet v2",
    regional: { input: 3, output: 15 },
    note: "not in docs/aws-data.md §6.2: list price as published for Claude 3.5 Sonnet v2 (legacy)",
  },
  {
    model: "Nova Pro",
    regional: { input: 0.8, output: 3.2, cacheRead: 0.2 },
    batch: { input: 0.4, output: 1.6 },
    tiers: ["flex", "priority"],
  },
  { model: "Nova Lite", regional: { input: 0.06, output: 0.24, cacheRead: 0.015 } },
  { model: "Nova Micro", regional: { input: 0.035, output: 0.14, cacheRead: 0.00875 } },
  {
    model: "Nova 2 Lite",
    global: { input: 0.3, output: 2.5, cacheRead: 0.075 },
    regional: { input: 0.33, output: 2.75, cacheRead: 0.0825 },
  },
  { model: "Llama 3.3 70B", regional: { input: 0.72, output: 0.72 } },
  { model: "Llama 3.1 8B", regional: { input: 0.22, output: 0.22 } },
  // Price List record (reference samples): input only; the output price is unknown, so it is absent.
  { model: "Claude 2.0", regional: { input: 8 }, regions: ["us-east-1"], effectiveFrom: "2025-06-01" },
];

const TIER_FACTOR = { flex: 0.5, priority: 1.75 } as const;
const round = (x: number) => Number(x.toPrecision(12));

function kinds(k: Kinds): [PriceEntry["tokenType"], "5m" | "1h" | undefined, number][] {
  const out: [PriceEntry["tokenType"], "5m" | "1h" | undefined, number][] = [["input", undefined, k.input]];
  if (k.output !== undefined) out.push(["output", undefined, k.output]);
  if (k.cacheRead !== undefined) out.push(["cache_read", undefined, k.cacheRead]);
  if (k.cw5m !== undefined) out.push(["cache_write", "5m", k.cw5m]);
  if (k.cw1h !== undefined) out.push(["cache_write", "1h", k.cw1h]);
  return out;
}

function scale(k: Kinds, f: number): Kinds {
  const s = (x?: number) => (x === undefined ? undefined : round(x * f));
  return {
    input: round(k.input * f),
    output: s(k.output),
    cacheRead: s(k.cacheRead),
    cw5m: s(k.cw5m),
    cw1h: s(k.cw1h),
  };
}

function entriesFor(b: Base): PriceEntry[] {
  const out: PriceEntry[] = [];
  const routes: ["global" | "regional", Kinds, string | undefined][] = [];
  if (b.global) routes.push(["global", b.global, undefined]);
  if (b.regional) routes.push(["regional", b.regional, undefined]);
  else if (b.global) routes.push(["regional", scale(b.global, 1.1), "regional/geo = 1.1 × global (§6.3)"]);
  for (const region of b.regions ?? DEFAULT_REGIONS) {
    const regionNote =
      region === "us-east-1" || region === "us-gov-west-1"
        ? undefined
        : US.includes(region)
          ? "us-east-1 list price (US commercial regions share it)"
          : "us-east-1 list price assumed for this region (UNVERIFIED)";
    const add = (route: "global" | "regional", pm: PriceEntry["pricingModel"], k: Kinds, why?: string) => {
      for (const [tokenType, cacheTtl, usd] of kinds(k)) {
        const derived = [b.note, regionNote, why].filter(Boolean).join("; ");
        out.push({
          model: b.model,
          region,
          route,
          pricingModel: pm,
          tokenType,
          ...(cacheTtl ? { cacheTtl } : {}),
          usdPerMillion: usd,
          effectiveFrom: b.effectiveFrom ?? SINCE,
          ...(derived ? { derived } : {}),
        });
      }
    };
    for (const [route, k, why] of routes) {
      add(route, "on_demand", k, why);
      const io = { input: k.input, output: k.output };
      if (b.batch && route === "regional") add(route, "batch", b.batch);
      else if (k.output !== undefined)
        add(route, "batch", scale(io, 0.5), "batch = 50 % of on-demand (§6.3)");
      for (const t of b.tiers ?? [])
        add(route, t, scale(io, TIER_FACTOR[t]), `${t} = ${TIER_FACTOR[t]} × standard (UNVERIFIED, §6.3)`);
    }
  }
  return out;
}

const file: PriceFile = {
  source:
    "aws.amazon.com/bedrock/pricing via pydantic/genai-prices aws.yml (prices_checked ≤ 2026-08) and Price List records (docs/aws-data.md §6.2)",
  retrievedAt: "2026-08-21",
  notes: [
    "USD per 1M tokens. Refresh from the AWS Price List API with `bedrock-spend prices refresh`.",
    "Entries with `derived` are computed from published numbers with the multipliers of docs/aws-data.md §6.3.",
  ],
  prices: BASES.flatMap(entriesFor),
};
priceFileSchema.parse(file);
writeFileSync(new URL("../../src/prices/bedrock-prices.json", import.meta.url), `${JSON.stringify(file)}\n`);
console.error(`wrote ${file.prices.length} prices`);

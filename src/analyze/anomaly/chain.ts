import type { DimensionChanges } from "./drivers.js";
import type { AnomalyDimension } from "./types.js";

/**
 * The driver chain of one anomaly: its own series plus, per other dimension, the one key that
 * explains most of it, ordered model → account → region → principal. Pure.
 */

export interface ChainLink {
  /** model, account, region, principal, or `tag:<key>`. */
  dimension: string;
  key: string;
}

export const CHAIN_ORDER = ["model", "account", "region", "principal"] as const;

/**
 * A model/account/region key is the driver when it alone carries at least this share of the
 * impact: a loop split 2:1 over two regions names no region.
 */
const DOMINANT_SHARE = 0.8;
/**
 * Principals are known only for the part invocation logs attribute (estimated days, sampled
 * logs): one is the driver when it carries this share of the attributed change.
 */
const DOMINANT_ATTRIBUTED_SHARE = 0.6;

const rank = (dimension: string) => {
  const i = (CHAIN_ORDER as readonly string[]).indexOf(dimension);
  return i < 0 ? CHAIN_ORDER.length : i;
};

export function sortChain(links: ChainLink[]): ChainLink[] {
  return [...links].sort((a, b) => rank(a.dimension) - rank(b.dimension));
}

export function driverChain(
  own: { dimension: AnomalyDimension; key: string | null },
  impactUsd: number,
  dims: DimensionChanges[],
): ChainLink[] {
  const links: ChainLink[] = [];
  if (own.dimension !== "total" && own.key !== null) links.push({ dimension: own.dimension, key: own.key });
  for (const d of dims) {
    if (d.dimension === own.dimension || !(CHAIN_ORDER as readonly string[]).includes(d.dimension)) continue;
    // The unattributed bucket (no principal on the line) is never a driver of the chain.
    const top = d.changes.find((c) => c.key !== null);
    if (!top || top.key === null) continue;
    const attributed = d.changes.reduce((s, c) => s + (c.key === null ? 0 : Math.abs(c.change)), 0);
    const dominant =
      d.dimension === "principal"
        ? Math.abs(top.change) >= DOMINANT_ATTRIBUTED_SHARE * attributed
        : Math.abs(top.change) >= DOMINANT_SHARE * Math.abs(impactUsd);
    if (dominant) links.push({ dimension: d.dimension, key: top.key });
  }
  return sortChain(links);
}

/** Dimensions whose keys must agree for two views to be one event (principals come from sampled logs). */
const IDENTITY_DIMENSIONS = new Set(["model", "account", "region"]);

/** No model, account or region on which the two chains name different keys. */
export function compatibleChains(a: ChainLink[], b: ChainLink[]): boolean {
  for (const x of a) {
    if (!IDENTITY_DIMENSIONS.has(x.dimension)) continue;
    const y = b.find((l) => l.dimension === x.dimension);
    if (y && y.key !== x.key) return false;
  }
  return true;
}

/** The links every chain that names the dimension agrees on. */
export function agreedChain(chains: ChainLink[][]): ChainLink[] {
  const keys = new Map<string, Set<string>>();
  for (const c of chains)
    for (const l of c) keys.set(l.dimension, (keys.get(l.dimension) ?? new Set()).add(l.key));
  const out: ChainLink[] = [];
  for (const [dimension, set] of keys) if (set.size === 1) out.push({ dimension, key: [...set][0] });
  return sortChain(out);
}

/** The identity part of a chain (model, account, region): what an incident id is derived from. */
export function identityLinks(chain: ChainLink[]): ChainLink[] {
  return chain.filter((l) => IDENTITY_DIMENSIONS.has(l.dimension));
}

/** Deterministic pseudo-randomness: the same seed and key always give the same org. */

export function hashString(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A uniform number in [0, 1) for (series, index, salt): cheap, no state. */
export function unit(series: number, index: number, salt = 0): number {
  let x = (series ^ Math.imul(index + 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 1, 0xc2b2ae35)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  x = (x ^ (x >>> 16)) >>> 0;
  return x / 4294967296;
}

/** A stable id-like string (hex) for a key, e.g. a request id or SKU. */
export function stableHex(key: string, length: number, seed = 0): string {
  let out = "";
  for (let i = 0; out.length < length; i++)
    out += hashString(`${key}#${i}`, seed).toString(16).padStart(8, "0");
  return out.slice(0, length);
}

/** UUID-shaped stable id. */
export function stableUuid(key: string, seed = 0): string {
  const h = stableHex(key, 32, seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

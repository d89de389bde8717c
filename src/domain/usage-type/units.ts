/**
 * Absolute tokens per unit of `line_item_usage_amount`, from `pricing_unit` (docs/aws-data.md §1.5,
 * CID CUDOS 5.8/5.9): `1K tokens` → 1000, `1M tokens` → 1e6; Marketplace rows say `Units` and put
 * the real unit in the 3rd `|` field of the line item description
 * (`AWS Marketplace software usage|us-east-1|Million Input Tokens Regional`). Null when the unit
 * cannot be read: a wrong scale is worse than a missing one, so we never assume.
 */
const SCALE_WORDS: Readonly<Record<string, number>> = { thousand: 1e3, million: 1e6, billion: 1e9 };
const SCALE_LETTERS: Readonly<Record<string, number>> = { k: 1e3, m: 1e6, b: 1e9 };

/** `1K tokens`, `1M tokens`, `1000 tokens`, `tokens` → multiplier; anything else → null. */
export function tokenUnitScale(unit: string): number | null {
  const m = /^(\d+(?:\.\d+)?)?\s*([kmb])?\s*tokens?$/i.exec(unit.trim());
  if (!m) return null;
  const count = m[1] ? Number(m[1]) : 1;
  return count * (m[2] ? SCALE_LETTERS[m[2].toLowerCase()]! : 1);
}

/** `Million Input Tokens Regional` → 1e6; `Thousand Output Tokens` → 1000; not about tokens → null. */
export function describedUnitScale(unitText: string): number | null {
  const text = unitText.trim().toLowerCase();
  if (!/\btokens?\b/.test(text)) return null;
  const word = /^(thousand|million|billion)\b/.exec(text);
  return word
    ? SCALE_WORDS[word[1]!]!
    : tokenUnitScale(text.replace(/\b(input|output|cache|read|write)\b/g, ""));
}

/** The `|`-separated fields of a Marketplace description: [kind, region, unit]. */
export function descriptionFields(description: string | null): string[] {
  return description ? description.split("|").map((f) => f.trim()) : [];
}

export function tokensPerUnit(pricingUnit: string | null, description: string | null): number | null {
  if (!pricingUnit) return null;
  if (/^units?$/i.test(pricingUnit.trim())) {
    const unitText = descriptionFields(description)[2];
    return unitText ? describedUnitScale(unitText) : null;
  }
  return tokenUnitScale(pricingUnit);
}

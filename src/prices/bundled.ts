import data from "./bedrock-prices.json" with { type: "json" };
import { entryToRow, type PriceFile, type PriceRow, priceFileSchema } from "./types.js";

/**
 * The price snapshot shipped with the tool (src/prices/bedrock-prices.json, built by
 * tools/prices/build-price-table.ts). Validated on load: a broken file is a bug, not a guess.
 */
export function bundledPriceFile(): PriceFile {
  return priceFileSchema.parse(data);
}

/** Store/lookup rows of the bundled snapshot; `source` names the snapshot and any derivation. */
export function bundledPriceRows(file: PriceFile = bundledPriceFile()): PriceRow[] {
  const source = `bundled ${file.retrievedAt}`;
  return file.prices.map((e) => entryToRow(e, source));
}

import type { Migration } from "kysely";
import * as m0001 from "./0001-cost.js";
import * as m0002 from "./0002-estimate.js";
import * as m0003 from "./0003-collect.js";

/**
 * Frozen migrations as a static record (no directory scanning, bundler-safe).
 * Append new entries with the next number; never edit or reorder shipped ones.
 */
export const migrations: Record<string, Migration> = {
  "0001-cost": m0001,
  "0002-estimate": m0002,
  "0003-collect": m0003,
};

import type { Migration } from "kysely";
import * as m0001 from "./0001-cost.js";
import * as m0002 from "./0002-estimate.js";
import * as m0003 from "./0003-collect.js";
import * as m0004 from "./0004-slack.js";
import * as m0005 from "./0005-pricing.js";
import * as m0006 from "./0006-savings-index.js";
import * as m0007 from "./0007-slack-incidents.js";
import * as m0008 from "./0008-reserved.js";
import * as m0009 from "./0009-job-lease.js";
import * as m0010 from "./0010-store-change.js";
import * as m0011 from "./0011-rollup-pairs.js";

/**
 * Frozen migrations as a static record (no directory scanning, bundler-safe), numbered without
 * gaps and applied strictly in order. Append new entries with the next number; never edit,
 * renumber or reorder shipped ones.
 */
export const migrations: Record<string, Migration> = {
  "0001-cost": m0001,
  "0002-estimate": m0002,
  "0003-collect": m0003,
  "0004-slack": m0004,
  "0005-pricing": m0005,
  "0006-savings-index": m0006,
  "0007-slack-incidents": m0007,
  "0008-reserved": m0008,
  "0009-job-lease": m0009,
  "0010-store-change": m0010,
  "0011-rollup-pairs": m0011,
};

/**
 * The one renumbering, before ordering was enforced: stores created by 0.1.0 recorded these
 * names. Their content is unchanged, so a recorded old name means the renamed migration ran.
 */
export const RENAMED_MIGRATIONS: Record<string, string> = {
  "0005-slack": "0004-slack",
  "0006-pricing": "0005-pricing",
};

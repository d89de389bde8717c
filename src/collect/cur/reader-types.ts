import type { CurFileFormat } from "./layout.js";
import type { KeyColumn } from "./reader-sql.js";

/** Shapes shared by the reader modules (reader.ts, reader-files.ts, reader-rows.ts). */

export type AggRow = Record<KeyColumn, string | null> & {
  usage_amount: number;
  cost: number;
  list_cost: number | null;
  n: number;
};

export interface LocalCurFile {
  key: string;
  path: string;
  format: CurFileFormat;
  size: number;
}

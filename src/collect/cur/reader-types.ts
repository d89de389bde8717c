import type { CurFileFormat } from "./layout.js";

/** Shapes shared by the reader modules (reader.ts, reader-files.ts, reader-rows.ts). */

export interface LocalCurFile {
  key: string;
  path: string;
  format: CurFileFormat;
  size: number;
}

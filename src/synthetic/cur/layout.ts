import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CUR_COLUMNS } from "./columns.js";

/**
 * AWS Data Exports S3 layout (DOC-DELIVERY, docs/aws-data.md §1.2):
 *   <export>/data/BILLING_PERIOD=YYYY-MM/[<timestamp>-<execution-id>/]<export>-00001.snappy.parquet
 *   <export>/metadata/BILLING_PERIOD=YYYY-MM/[<timestamp>-<execution-id>/]<export>-Manifest.json
 * The manifest directly under the partition always describes the latest refresh.
 */

export type CurLayout = "OVERWRITE_REPORT" | "CREATE_NEW_REPORT";
export type CurFormat = "parquet" | "csv";

export function compactTimestamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

export function chunkName(exportName: string, n: number, format: CurFormat): string {
  return `${exportName}-${String(n).padStart(5, "0")}.${format === "parquet" ? "snappy.parquet" : "csv.gz"}`;
}

/** Data folder of one delivery, relative to the export folder. */
export function deliveryDir(period: string, layout: CurLayout, executionFolder: string): string {
  const base = `data/BILLING_PERIOD=${period}`;
  return layout === "CREATE_NEW_REPORT" ? `${base}/${executionFolder}` : base;
}

export interface ManifestInput {
  exportDir: string;
  exportName: string;
  period: string;
  executionId: string;
  deliveredAt: Date;
  /** Data file keys relative to the export folder. */
  files: string[];
  format: CurFormat;
  layout: CurLayout;
  executionFolder: string;
  /** Where the export lives in S3 (`s3://bucket/prefix`), for realistic absolute file URIs. */
  s3Base: string;
}

/** Manifest key names are UNVERIFIED (docs/aws-data.md §7.1): the ingester parses them defensively. */
export function writeManifest(m: ManifestInput): void {
  const [y, mo] = m.period.split("-").map(Number);
  const body = {
    exportArn: `arn:aws:bcm-data-exports:us-east-1:999999999999:export/${m.exportName}-${m.executionId.slice(0, 8)}`,
    exportName: m.exportName,
    executionId: m.executionId,
    billingPeriod: {
      start: new Date(Date.UTC(y, mo - 1, 1)).toISOString(),
      end: new Date(Date.UTC(y, mo, 1)).toISOString(),
    },
    deliveryTime: m.deliveredAt.toISOString(),
    format: m.format === "parquet" ? "PARQUET" : "TEXT_OR_CSV",
    compression: m.format === "parquet" ? "PARQUET" : "GZIP",
    columns: CUR_COLUMNS.map(([name]) => ({ name })),
    dataFiles: m.files.map((f) => `${m.s3Base.replace(/\/$/, "")}/${m.exportName}/${f}`),
    additionalOutputFiles: [],
  };
  const text = `${JSON.stringify(body, null, 2)}\n`;
  const top = join(m.exportDir, "metadata", `BILLING_PERIOD=${m.period}`);
  mkdirSync(top, { recursive: true });
  writeFileSync(join(top, `${m.exportName}-Manifest.json`), text);
  if (m.layout === "CREATE_NEW_REPORT") {
    mkdirSync(join(top, m.executionFolder), { recursive: true });
    writeFileSync(join(top, m.executionFolder, `${m.exportName}-Manifest.json`), text);
  }
}

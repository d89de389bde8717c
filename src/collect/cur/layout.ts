import type { CurFile } from "./source.js";

/**
 * Which files make up each billing period (docs/architecture.md §5, docs/aws-data.md §1.2): the manifest's list when it
 * parses and every file it names exists; otherwise the data files of the period, and in
 * CREATE_NEW_REPORT layout only those of the newest `<timestamp>-<execution-id>` folder.
 * metadata/ is never read as data.
 */

export type CurFileFormat = "parquet" | "csv";

export interface PeriodPlan {
  period: string;
  files: (CurFile & { format: CurFileFormat })[];
  /** Execution folder chosen in CREATE_NEW_REPORT layout, else null. */
  execution: string | null;
  /** The manifest whose file list was used, else null (listing fallback). */
  manifest: string | null;
  warnings: string[];
}

const DATA_RE = /^data\/BILLING_PERIOD=(\d{4}-\d{2})\/(?:([^/]+)\/)?([^/]+)$/;
const MANIFEST_RE = /^metadata\/BILLING_PERIOD=(\d{4}-\d{2})\/[^/]+-Manifest\.json$/i;

export function formatOf(key: string): CurFileFormat | null {
  if (/\.parquet$/i.test(key)) return "parquet";
  if (/\.csv(\.gz)?$/i.test(key)) return "csv";
  return null;
}

export function manifestKeys(files: CurFile[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of files) {
    const m = MANIFEST_RE.exec(f.key);
    if (m) out.set(m[1], f.key);
  }
  return out;
}

/**
 * Every string in the manifest that names a data file, as a key relative to the export folder.
 * Key names are UNVERIFIED (docs/aws-data.md §7.1), so the JSON is walked rather than read by field name.
 */
export function manifestDataKeys(manifest: unknown): string[] {
  const out = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === "string") {
      const at = v.indexOf("data/BILLING_PERIOD=");
      if (at >= 0 && formatOf(v)) out.add(v.slice(at));
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") Object.values(v).forEach(visit);
  };
  visit(manifest);
  return [...out];
}

/** ISO instants compare as strings. */
export function newestMtime(files: CurFile[]): string {
  return (
    files
      .map((f) => f.mtime)
      .sort()
      .at(-1) ?? ""
  );
}

/** `20261120T060000Z-<uuid>` folders sort by their timestamp; ties go to the newest object. */
function newestExecution(groups: Map<string, CurFile[]>): string {
  return [...groups.keys()].sort((a, b) => {
    const ta = a.split("-")[0];
    const tb = b.split("-")[0];
    if (ta !== tb) return ta < tb ? -1 : 1;
    return newestMtime(groups.get(a)!) < newestMtime(groups.get(b)!) ? -1 : 1;
  })[groups.size - 1];
}

export function planPeriods(files: CurFile[], manifests: Map<string, unknown>): PeriodPlan[] {
  const byPeriod = new Map<string, Map<string, CurFile[]>>();
  for (const f of files) {
    const m = DATA_RE.exec(f.key);
    if (!m || !formatOf(m[3])) continue;
    const groups = byPeriod.get(m[1]) ?? new Map<string, CurFile[]>();
    byPeriod.set(m[1], groups);
    const exec = m[2] ?? "";
    groups.set(exec, [...(groups.get(exec) ?? []), f]);
  }
  const byKey = new Map(files.map((f) => [f.key, f]));
  return [...byPeriod.keys()].sort().map((period) => {
    const groups = byPeriod.get(period)!;
    const warnings: string[] = [];
    const direct = groups.get("") ?? [];
    groups.delete("");
    const execution = groups.size ? newestExecution(groups) : null;
    if (execution && direct.length)
      warnings.push(`${period}: both execution folders and loose data files found; using ${execution}`);
    let chosen = execution ? groups.get(execution)! : direct;
    let manifest: string | null = null;
    if (manifests.has(period)) {
      const named = manifestDataKeys(manifests.get(period));
      const missing = named.filter((k) => !byKey.has(k));
      if (named.length && !missing.length) {
        chosen = named.map((k) => byKey.get(k)!);
        manifest = `metadata/BILLING_PERIOD=${period}`;
      } else if (named.length) {
        warnings.push(
          `${period}: manifest names ${missing.length} missing file(s) (e.g. ${missing[0]}); listing the folder instead`,
        );
      } else warnings.push(`${period}: manifest lists no data files; listing the folder instead`);
    }
    const withFormat = chosen.map((f) => ({ ...f, format: formatOf(f.key)! }));
    return { period, files: withFormat, execution, manifest, warnings };
  });
}

/** Plain-text rendering of row sets: aligned tables for people, TSV for models, CSV for tools. */

export type Cell = string | number | boolean | null | undefined;
export type Row = Record<string, Cell | unknown>;

export function formatUsd(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return "—";
  const abs = Math.abs(v);
  const digits = abs !== 0 && abs < 0.01 ? 4 : 2;
  return `${v < 0 ? "-" : ""}$${abs.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

export function formatPct(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return "—";
  return `${(share * 100).toFixed(1)}%`;
}

export function formatInt(v: number | null | undefined): string {
  if (v === null || v === undefined) return "—";
  return Math.round(v).toLocaleString("en-US");
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** Aligned text table; numeric-looking columns are right-aligned. */
export function alignedTable(headers: string[], rows: Cell[][]): string {
  const text = rows.map((r) => r.map(cellText));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? "").length)));
  const numeric = headers.map(
    (_, i) => text.length > 0 && text.every((r) => /^[-$\d.,%—]*$/.test(r[i] ?? "")),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "─".repeat(w))), ...text.map(line)].join("\n");
}

export function tsv(headers: string[], rows: Cell[][]): string {
  const clean = (v: unknown) => cellText(v).replace(/[\t\n]/g, " ");
  return [headers.join("\t"), ...rows.map((r) => r.map(clean).join("\t"))].join("\n");
}

function csvCell(v: unknown): string {
  const s = cellText(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV of objects; the header is the union of keys in first-seen order. */
export function toCsv(rows: Row[]): string {
  const headers: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!headers.includes(k)) headers.push(k);
  const lines = [headers.map(csvCell).join(",")];
  for (const r of rows) lines.push(headers.map((h) => csvCell(r[h])).join(","));
  return `${lines.join("\n")}\n`;
}

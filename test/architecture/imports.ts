import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

/** One relative import of a source file: who imports what, and whether only types cross. */
export interface ImportEdge {
  from: string;
  to: string;
  typeOnly: boolean;
}

const ROOT = join(dirname(new URL(import.meta.url).pathname), "../..");
const IMPORT_RE =
  /(?:import|export)\s+(type\s+)?(?:[^;'"]*?\s+from\s+)?"(\.{1,2}\/[^"]+)"|import\(\s*"(\.{1,2}\/[^"]+)"\s*\)/g;

export function sourceFiles(dir = "src"): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(join(ROOT, d), { withFileTypes: true })) {
      const p = `${d}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (p.endsWith(".ts")) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

export function readSource(file: string): string {
  return readFileSync(join(ROOT, file), "utf8");
}

/** Every relative import of every file under `dir`, resolved to repository paths (`src/...ts`). */
export function importEdges(dir = "src"): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const from of sourceFiles(dir)) {
    for (const m of readSource(from).matchAll(IMPORT_RE)) {
      const spec = m[2] ?? m[3];
      const target = normalize(join(dirname(from), spec)).replace(/\.js$/, ".ts");
      edges.push({ from, to: relative(".", target), typeOnly: Boolean(m[1]) });
    }
  }
  return edges;
}

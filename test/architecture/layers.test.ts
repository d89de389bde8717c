import { describe, expect, it } from "vitest";
import { importEdges, sourceFiles } from "./imports.js";

/**
 * The layers of src/, bottom first (docs/architecture.md draws them). A file may import its own
 * layer and any layer of a LOWER row; layers on one row are siblings and never import each other.
 * A new top-level folder must be placed here before the test passes.
 */
const LAYERS: string[][] = [
  ["errors"],
  ["util", "clock"],
  ["domain"],
  ["prices", "config"],
  ["analyze", "store"],
  ["aws", "synthetic"],
  ["derive", "sandbox"],
  ["collect"],
  ["onboarding"],
  ["capabilities"],
  ["mcp", "slack", "cli"],
  ["demo", "serve"],
  ["commands"],
  ["main"],
];

/** `src/store/db.ts` → `store`; `src/config.ts` → `config`; the entry point `src/cli.ts` → `main`. */
function layerOf(file: string): string {
  const parts = file.split("/");
  if (file === "src/cli.ts") return "main";
  return parts.length > 2 ? parts[1] : parts[1].replace(/\.ts$/, "");
}

const rowOf = new Map(LAYERS.flatMap((row, i) => row.map((layer) => [layer, i] as const)));

describe("architecture: imports only point down", () => {
  it("every folder of src/ has a place in the layer table", () => {
    const unplaced = [...new Set(sourceFiles().map(layerOf))].filter((l) => !rowOf.has(l));
    expect(unplaced).toEqual([]);
  });

  it("no import points up or sideways (type-only imports included)", () => {
    const wrong = importEdges()
      .filter((e) => e.to.startsWith("src/") && e.to.endsWith(".ts"))
      .filter((e) => {
        const [a, b] = [layerOf(e.from), layerOf(e.to)];
        return a !== b && (rowOf.get(b) ?? 99) >= (rowOf.get(a) ?? -1);
      })
      .map((e) => `${e.from} -> ${e.to}`);
    expect(wrong).toEqual([]);
  });

  it("src/ has no import cycles", () => {
    const next = new Map<string, string[]>();
    for (const e of importEdges()) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    const state = new Map<string, "open" | "done">();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === "done") return;
      if (state.get(f) === "open") {
        cycles.push([...path.slice(path.indexOf(f)), f].join(" -> "));
        return;
      }
      state.set(f, "open");
      for (const t of next.get(f) ?? []) visit(t, [...path, f]);
      state.set(f, "done");
    };
    for (const f of sourceFiles()) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it("the check sees a planted upward import", () => {
    const planted = { from: "src/store/queries/x.ts", to: "src/analyze/estimate.ts" };
    const [a, b] = [layerOf(planted.from), layerOf(planted.to)];
    expect(a).toBe("store");
    expect((rowOf.get(b) ?? 0) >= (rowOf.get(a) ?? 0)).toBe(true);
  });
});

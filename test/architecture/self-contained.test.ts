import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readSource, sourceFiles } from "./imports.js";

const SELF = "test/architecture/self-contained.test.ts";
const files = () =>
  [...sourceFiles("src"), ...sourceFiles("test"), ...sourceFiles("tools")].filter((f) => f !== SELF);

describe("the repository stands alone", () => {
  it("cites only documents that are in it", () => {
    const outside = files().flatMap((f) =>
      [
        ...readSource(f).matchAll(/DESIGN §|DESIGN\.md|reference §|shared\/(?:samples|reference)|\/work\//g),
      ].map((m) => `${f}: ${m[0]}`),
    );
    expect(outside).toEqual([]);
  });

  it("every docs/*.md it cites exists", () => {
    const cited = new Set(
      files().flatMap((f) => [...readSource(f).matchAll(/docs\/[a-z0-9-]+\.md/g)].map((m) => m[0])),
    );
    expect([...cited].filter((d) => !existsSync(d))).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { readSource, sourceFiles } from "./imports.js";

/** A runtime (non-type) binding named `...Client` imported from an AWS SDK client package. */
const SDK_IMPORT_RE = /import\s+\{([^}]*)\}\s+from\s+"@aws-sdk\/client-[^"]+"/g;

function sdkClientBindings(source: string): string[] {
  const names: string[] = [];
  for (const m of source.matchAll(SDK_IMPORT_RE))
    for (const part of m[1].split(",").map((p) => p.trim()))
      if (!part.startsWith("type ") && /Client$/.test(part.split(/\s+as\s+/).pop() ?? "")) names.push(part);
  return names;
}

describe("architecture: src/aws builds every AWS SDK client", () => {
  it("no file outside src/aws imports an SDK client class or constructs one", () => {
    const offenders = sourceFiles()
      .filter((f) => !f.startsWith("src/aws/"))
      .flatMap((f) => {
        const src = readSource(f);
        const found = [...sdkClientBindings(src), ...(src.match(/new\s+\w+Client\s*\(/g) ?? [])];
        return found.map((what) => `${f}: ${what}`);
      });
    expect(offenders).toEqual([]);
  });

  it("the check recognizes the pattern it forbids", () => {
    expect(sdkClientBindings('import { S3Client, GetObjectCommand } from "@aws-sdk/client-s3";')).toEqual([
      "S3Client",
    ]);
    expect(sdkClientBindings('import { type S3Client } from "@aws-sdk/client-s3";')).toEqual([]);
  });
});

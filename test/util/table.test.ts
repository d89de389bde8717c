import { describe, expect, it } from "vitest";
import { alignedTable, formatUsd, toCsv, tsv } from "../../src/util/table.js";

describe("table rendering", () => {
  it("formats dollars with cents, sub-cent amounts with 4 digits, negatives and missing", () => {
    expect(formatUsd(1234.5)).toBe("$1,234.50");
    expect(formatUsd(0.0042)).toBe("$0.0042");
    expect(formatUsd(-12)).toBe("-$12.00");
    expect(formatUsd(null)).toBe("—");
  });

  it("aligns numeric columns right and text left", () => {
    const out = alignedTable(
      ["model", "cost"],
      [
        ["Nova Pro", "$1.00"],
        ["Claude Sonnet 4.6", "$120.00"],
      ],
    );
    const lines = out.split("\n");
    expect(lines[2]).toBe("Nova Pro             $1.00");
    expect(lines[3]).toBe("Claude Sonnet 4.6  $120.00");
  });

  it("TSV strips tabs and newlines from cells", () => {
    expect(tsv(["a"], [["x\ty\nz"]])).toBe("a\nx y z");
  });

  it("CSV quotes commas and quotes and unions headers", () => {
    expect(
      toCsv([
        { a: 'say "hi"', b: 1 },
        { a: "x,y", c: null },
      ]),
    ).toBe('a,b,c\n"say ""hi""",1,\n"x,y",,\n');
  });
});

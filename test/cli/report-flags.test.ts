import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { filtersSchema, fromSchema, limitSchema, toSchema } from "../../src/capabilities/common.js";
import { addInputFlags, inputFromFlags } from "../../src/cli/report-flags.js";
import { UsageError } from "../../src/errors.js";

const schema = z.object({
  from: fromSchema,
  to: toSchema,
  groupBy: z.array(z.enum(["model", "day"])).optional(),
  filters: filtersSchema.optional(),
  limit: limitSchema,
  minImpactUsd: z.number().min(0).optional(),
});

function parse(args: string[]) {
  const cmd = new Command("x").exitOverride();
  addInputFlags(cmd, schema);
  cmd.parse(args, { from: "user" });
  return inputFromFlags(schema, cmd.opts());
}

describe("report flags derived from input schemas", () => {
  it("maps kebab-case flags, --by, repeatable filters and --tag", () => {
    expect(
      parse([
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-07",
        "--by",
        "model,day",
        "--model",
        "Nova Pro",
        "--model",
        "Nova Lite",
        "--token-type",
        "input",
        "--tag",
        "team=search",
        "--limit",
        "5",
        "--min-impact-usd",
        "20",
      ]),
    ).toEqual({
      from: "2026-11-01",
      to: "2026-11-07",
      groupBy: ["model", "day"],
      filters: {
        model: ["Nova Pro", "Nova Lite"],
        token_type: ["input"],
        tag: { key: "team", value: "search" },
      },
      limit: 5,
      minImpactUsd: 20,
    });
  });

  it.each([
    [["--from", "2026-13-01"], "--from"],
    [["--by", "model,colour"], "--by"],
    [["--limit", "many"], "--limit"],
    [["--limit", "5000"], "--limit"],
    [["--tag", "team"], "--tag"],
    [["--token-type", "prompt"], "--token_type"],
  ])("%j is a UsageError naming %s", (args, flag) => {
    expect(() => parse(args)).toThrow(UsageError);
    expect(() => parse(args)).toThrow(flag);
  });
});

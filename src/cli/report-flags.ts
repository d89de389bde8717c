import { type Command, Option } from "commander";
import type { z } from "zod";
import type { AnyObjectSchema } from "../capabilities/types.js";
import { formatZodIssue } from "../config.js";
import { UsageError } from "../errors.js";

/**
 * Derives CLI flags from a capability's zod input schema (docs/architecture.md §6): kebab-case of each field;
 * `groupBy` is `--by a,b`; `filters` become repeatable `--model X`, `--tag key=value`, ….
 */

type ZType = z.ZodType & { def: { type: string; innerType?: ZType; element?: ZType } };

function unwrap(t: ZType): ZType {
  let cur = t;
  while (["optional", "default", "prefault", "nullable"].includes(cur.def.type) && cur.def.innerType) {
    cur = cur.def.innerType;
  }
  return cur;
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/_/g, "-");
const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const collect = (v: string, prev: string[] = []) => [...prev, v];

const FILTER_FLAGS: Record<string, string> = {
  model: "model",
  account: "account",
  region: "region",
  principal: "principal",
  token_type: "token-type",
  pricing_model: "pricing-model",
};

export function addInputFlags(cmd: Command, schema: AnyObjectSchema): void {
  for (const [key, raw] of Object.entries(schema.shape)) {
    const field = raw as ZType;
    const desc = field.description ?? "";
    if (key === "groupBy") cmd.addOption(new Option("--by <keys>", `group by, comma-separated. ${desc}`));
    else if (key === "filters") {
      for (const [fk, flag] of Object.entries(FILTER_FLAGS)) {
        cmd.addOption(new Option(`--${flag} <value>`, `filter: ${fk} (repeatable)`).argParser(collect));
      }
      cmd.addOption(new Option("--tag <key=value>", "filter: cost-allocation tag"));
    } else {
      const inner = unwrap(field);
      if (inner.def.type === "boolean") cmd.addOption(new Option(`--${kebab(key)}`, desc));
      else cmd.addOption(new Option(`--${kebab(key)} <value>`, desc));
    }
  }
}

/** Turns parsed commander options back into the capability input and validates it. */
export function inputFromFlags<I extends AnyObjectSchema>(
  schema: I,
  opts: Record<string, unknown>,
): z.output<I> {
  const input: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(schema.shape)) {
    const field = unwrap(raw as ZType);
    if (key === "groupBy") {
      if (typeof opts.by === "string")
        input.groupBy = opts.by
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean);
    } else if (key === "filters") {
      const filters: Record<string, unknown> = {};
      for (const [fk, flag] of Object.entries(FILTER_FLAGS)) {
        const v = opts[camel(flag)];
        if (Array.isArray(v) && v.length) filters[fk] = v;
      }
      if (typeof opts.tag === "string") {
        const eq = opts.tag.indexOf("=");
        if (eq < 1) throw new UsageError(`--tag "${opts.tag}": expected key=value, e.g. --tag team=search`);
        filters.tag = { key: opts.tag.slice(0, eq), value: opts.tag.slice(eq + 1) };
      }
      if (Object.keys(filters).length) input.filters = filters;
    } else {
      const v = opts[camel(kebab(key))];
      if (v === undefined) continue;
      if (field.def.type === "number") {
        const n = Number(v);
        if (v === "" || Number.isNaN(n))
          throw new UsageError(`--${kebab(key)} "${String(v)}": expected a number`);
        input[key] = n;
      } else if (field.def.type === "array" && typeof v === "string") input[key] = v.split(",");
      else input[key] = v;
    }
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag =
      issue.path[0] === "groupBy"
        ? "--by"
        : issue.path[0] === "filters"
          ? `--${String(issue.path[1] ?? "filter")}`
          : `--${kebab(String(issue.path[0] ?? ""))}`;
    throw new UsageError(formatZodIssue(flag, { ...issue, path: issue.path.slice(1) }));
  }
  return parsed.data;
}

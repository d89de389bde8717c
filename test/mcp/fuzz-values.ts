/**
 * Argument values for the tool fuzz test, chosen per JSON Schema property of a tool's advertised
 * input schema: boundary dates, huge and odd numbers, odd strings (unicode, very long, SQL-ish,
 * NUL bytes, format strings) and huge arrays. Deterministic: the same values every run.
 */
type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  description?: string;
  anyOf?: JsonSchema[];
};

export const ODD_STRINGS = [
  "",
  " ",
  "é🙂\u202e\u200bΩ",
  "x".repeat(100_000),
  "'; DROP TABLE cost_daily; --",
  '" OR 1=1 --',
  "a\u0000b",
  "\u0000",
  "%s%n%x$\u007Bjndi:ldap://x}",
  "../../../../etc/passwd",
  '$."team")--',
];

export const BOUNDARY_DAYS = [
  "0000-01-01",
  "9999-12-31",
  "1970-01-01",
  "1999-12-31",
  "2000-01-01",
  "2099-12-31",
  "2100-01-01",
  "2024-02-29",
  "2026-02-30",
  "2026-11-26",
  "+02026-11-26",
  "-0001-01-01",
];

export const BOUNDARY_MONTHS = [
  "0000-01",
  "9999-12",
  "1999-12",
  "2000-01",
  "2099-12",
  "2026-13",
  "2026-00",
  "2026-11",
];

export const ODD_NUMBERS = [0, -1, 1, 0.5, 1e9, Number.MAX_SAFE_INTEGER, 1e308, -1e308];

function kind(s: JsonSchema): string {
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== "null") : s.type;
  if (t) return t;
  const inner = s.anyOf?.find((x) => x.type !== "null");
  return inner ? kind(inner) : "unknown";
}

/** Candidate values for one property. */
export function valuesFor(s: JsonSchema): unknown[] {
  const desc = s.description ?? "";
  if (s.enum) return [...s.enum, "not-a-member", ...ODD_STRINGS.slice(2, 5)];
  switch (kind(s)) {
    case "string":
      if (/YYYY-MM-DD/.test(desc)) return [...BOUNDARY_DAYS, ...ODD_STRINGS];
      if (/YYYY-MM/.test(desc)) return [...BOUNDARY_MONTHS, ...ODD_STRINGS];
      return ODD_STRINGS;
    case "number":
    case "integer":
      return [...ODD_NUMBERS, "12", null];
    case "boolean":
      return [true, false, "yes"];
    case "array": {
      const item = s.items ? valuesFor(s.items) : ODD_STRINGS;
      // 10,000 short items: a huge list that still fits one request (bodies over 1 MB get a 413).
      const short = item.filter((v) => typeof v !== "string" || v.length < 100);
      return [[], item.slice(0, 5), Array.from({ length: 10_000 }, (_, i) => short[i % short.length]), "x"];
    }
    case "object": {
      const out: unknown[] = [{}, "x", { unknownKey: 1 }];
      for (const [k, sub] of Object.entries(s.properties ?? {}))
        for (const v of valuesFor(sub).slice(0, 6)) out.push({ [k]: v });
      return out;
    }
    default:
      return [null, ...ODD_STRINGS.slice(0, 3)];
  }
}

/** Every single-argument case, plus whole-range boundaries for tools with from/to. */
export function casesFor(inputSchema: JsonSchema): Record<string, unknown>[] {
  const props = inputSchema.properties ?? {};
  const cases: Record<string, unknown>[] = [{}];
  for (const [k, s] of Object.entries(props)) for (const v of valuesFor(s)) cases.push({ [k]: v });
  if (props.from && props.to) {
    cases.push({ from: "2000-01-01", to: "2099-12-31" }, { from: "2026-11-26", to: "2000-01-01" });
    cases.push({ from: "0000-01-01", to: "9999-12-31" });
  }
  cases.push({ unexpected: "argument" });
  return cases;
}

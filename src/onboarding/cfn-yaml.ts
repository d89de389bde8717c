import { Document, isNode, type Node, Scalar, YAMLMap, YAMLSeq } from "yaml";

/** A CloudFormation intrinsic written in its short YAML form (`!Ref X`, `!Sub "…"`, `!If [...]`). */
export class Intrinsic {
  constructor(
    readonly tag: "!Ref" | "!Sub" | "!GetAtt" | "!If" | "!Equals" | "!Not",
    readonly value: unknown,
  ) {}
}

function toNode(v: unknown): Node {
  if (v instanceof Intrinsic) {
    const inner = toNode(v.value);
    inner.tag = v.tag;
    if (inner instanceof YAMLSeq) inner.flow = true;
    return inner;
  }
  if (isNode(v)) return v;
  if (Array.isArray(v)) {
    const seq = new YAMLSeq();
    for (const item of v) seq.items.push(toNode(item));
    return seq;
  }
  if (v && typeof v === "object") {
    const map = new YAMLMap();
    for (const [k, val] of Object.entries(v)) map.items.push(new Document().createPair(k, toNode(val)));
    return map;
  }
  const scalar = new Scalar(v);
  // Version dates stay strings for every YAML reader (YAML 1.1 would read a timestamp).
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) scalar.type = "QUOTE_DOUBLE";
  return scalar;
}

/** CloudFormation YAML with short-form intrinsics, no line folding. */
export function toYaml(template: Record<string, unknown>): string {
  const doc = new Document();
  doc.contents = toNode(template) as YAMLMap;
  return doc.toString({ lineWidth: 0 });
}

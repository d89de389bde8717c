import type { CodedRows } from "../../src/store/bulk.js";
import { decodingWriter } from "../../src/store/dialect/bulk-types.js";

/** Coded rows as objects over `columns`, through the same expansion the PostgreSQL store uses. */
export async function decodeRows(
  coded: CodedRows,
  columns: readonly string[],
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const collect = {
    rows: 0,
    async add(values: readonly unknown[]) {
      for (let i = 0; i < values.length; i += columns.length, this.rows++)
        out.push(Object.fromEntries(columns.map((c, j) => [c, values[i + j]])));
    },
    async flush() {},
  };
  const w = decodingWriter("decoded", columns, coded.dictionaries, collect);
  for await (const chunk of coded.rows) await w.add(chunk);
  await w.flush();
  return out;
}

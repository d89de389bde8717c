/**
 * Tool results by key, least recently used first out, bounded by entries and by bytes. Values are
 * the serialized CallToolResult: immutable, sized exactly, and parsed afresh for every caller so
 * no two responses share an object.
 */
export class ResultCache {
  private readonly entries = new Map<string, string>();
  private bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  get(key: string): string | undefined {
    const v = this.entries.get(key);
    if (v === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, v);
    return v;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  set(key: string, json: string): void {
    // A string's UTF-16 length is a fair proxy for its heap size; one result may use at most a quarter.
    if (json.length * 2 > this.maxBytes / 4) return;
    this.delete(key);
    this.entries.set(key, json);
    this.bytes += json.length * 2;
    for (const [k] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.delete(k);
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private delete(key: string): void {
    const v = this.entries.get(key);
    if (v === undefined) return;
    this.entries.delete(key);
    this.bytes -= v.length * 2;
  }
}

/** JSON with object keys sorted: equal arguments give equal keys whatever their order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

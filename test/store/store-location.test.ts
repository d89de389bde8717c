import { describe, expect, it } from "vitest";
import { openDb, storeLabel } from "../../src/store/db.js";
import { isPostgresUrl } from "../../src/store/dialect/engine.js";
import { copyText, numbered } from "../../src/store/dialect/postgres-bulk.js";

describe("store locations", () => {
  it("a postgres:// or postgresql:// URL is PostgreSQL, anything else a SQLite file", () => {
    expect(isPostgresUrl("postgres://u@h/db")).toBe(true);
    expect(isPostgresUrl("postgresql://h:5432/db?sslmode=require")).toBe(true);
    expect(isPostgresUrl("./data/bedrock-spend.db")).toBe(false);
    expect(isPostgresUrl(":memory:")).toBe(false);
  });

  it("an unreachable server is named without its password, with what to check", async () => {
    const url = "postgres://spend:s3cret-pw@127.0.0.1:1/bedrock_spend?connect_timeout=2";
    const err = await openDb(url).then(
      () => null,
      (e: Error & { hint?: string }) => e,
    );
    expect(err?.message).toContain("cannot reach the store postgres://spend:***@127.0.0.1:1/bedrock_spend");
    expect(err?.message).not.toContain("s3cret-pw");
    expect(err?.hint).toMatch(/PGPASSWORD/);
    expect(storeLabel(url)).not.toContain("s3cret-pw");
  });
});

describe("COPY text format and placeholders (PostgreSQL bulk path)", () => {
  it.each([
    [null, "\\N"],
    [undefined, "\\N"],
    [0.1 + 0.2, "0.30000000000000004"],
    [1e-7, "1e-7"],
    ["tab\there", "tab\\there"],
    ["line\nbreak\r", "line\\nbreak\\r"],
    ["back\\slash", "back\\\\slash"],
    ['{"team":"a"}', '{"team":"a"}'],
  ])("%j → %s", (value, text) => {
    expect(copyText(value)).toBe(text);
  });

  it("numbers ? placeholders outside string literals only", () => {
    expect(numbered("SELECT dim FROM t WHERE src = ? AND x = '?' AND dim > ?")).toBe(
      "SELECT dim FROM t WHERE src = $1 AND x = '?' AND dim > $2",
    );
  });
});

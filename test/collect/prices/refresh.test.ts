import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AwsAccess } from "../../../src/aws/access.js";
import { refreshPrices } from "../../../src/collect/prices/refresh.js";
import { bundledPriceRows } from "../../../src/prices/bundled.js";
import { buildPriceBook, lookupPrice } from "../../../src/prices/lookup.js";
import { type Sandbox, startSandbox } from "../../../src/sandbox/server.js";
import type { Db } from "../../../src/store/db.js";
import { ensureBundledPrices, loadPrices } from "../../../src/store/queries/prices.js";
import { DEMO_MODELS } from "../../../src/synthetic/org.js";
import { silentLogger } from "../../../src/util/log.js";
import { memoryDb } from "../../helpers/db.js";
import { sandboxAccess } from "../../helpers/sandbox.js";

describe("prices refresh against the sandbox Price List with the real Pricing client", () => {
  let sb: Sandbox;
  let aws: AwsAccess;
  let db: Db;
  const now = new Date("2026-11-26T12:00:00Z");
  beforeAll(async () => {
    sb = await startSandbox({ now, logHours: 1 });
    aws = sandboxAccess(sb);
  });
  afterAll(async () => {
    aws.close();
    await sb.close();
  });

  it("reads all three Bedrock offer codes page by page and stores every demo price", async () => {
    db = await memoryDb();
    const res = await refreshPrices(db, aws.clients(null, "us-east-1").pricing, {
      now,
      log: silentLogger,
      pageSize: 20,
    });
    expect(res.warnings).toEqual([]);
    expect(res.byServiceCode.AmazonBedrock).toBeGreaterThan(0);
    expect(res.byServiceCode.AmazonBedrockService).toBeGreaterThan(0);
    expect(res.byServiceCode.AmazonBedrockFoundationModels).toBeGreaterThan(0);
    expect(res.apiCalls).toBeGreaterThan(3); // NextToken followed: more than one page per code
    expect(res.products).toBeGreaterThan(20 * 3);
    const calls = sb.callLog().filter((c) => c.action === "pricing:GetProducts");
    expect(calls.length).toBe(res.apiCalls);
    expect(res.inserted).toBe(res.prices);
    const book = buildPriceBook(await loadPrices(db));
    for (const m of DEMO_MODELS) {
      const p = lookupPrice(
        book,
        {
          model: m.model,
          region: "us-east-1",
          route: "regional",
          pricingModel: "on_demand",
          tokenType: "input",
          cacheTtl: null,
        },
        "2026-11-26",
      );
      expect(p?.usdPerMillion, m.model).toBeCloseTo(m.price.input, 9);
      expect(p?.source).toMatch(/^price-list AmazonBedrock/);
    }
    await db.destroy();
  });

  it("a refresh over the bundled snapshot adds nothing when prices agree, and is idempotent", async () => {
    db = await memoryDb();
    const seeded = await ensureBundledPrices(db, bundledPriceRows(), now.toISOString());
    expect(seeded).toBe(bundledPriceRows().length);
    expect(await ensureBundledPrices(db, bundledPriceRows(), now.toISOString())).toBe(0);
    const pricing = aws.clients(null, "us-east-1").pricing;
    const first = await refreshPrices(db, pricing, { now, log: silentLogger, regions: ["us-east-1"] });
    // Demo prices equal the bundle, so only keys the bundle lacks are added (e.g. Marketplace cache TTLs).
    expect(first.unchanged).toBeGreaterThan(0);
    const again = await refreshPrices(db, pricing, { now, log: silentLogger, regions: ["us-east-1"] });
    expect(again.inserted).toBe(0);
    const stored = await loadPrices(db);
    expect(stored.length).toBe(seeded + first.inserted);
    expect(stored.every((r) => r.region === "us-east-1" || r.source.startsWith("bundled"))).toBe(true);
    await db.destroy();
  });
});

import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createAwsAccess } from "../../src/aws/access.js";
import { curIngester } from "../../src/collect/cur-unit.js";
import { runCollection } from "../../src/collect/run.js";
import { parseConfig } from "../../src/config.js";
import { openDb } from "../../src/store/db.js";
import { generateCurExport } from "../../src/synthetic/cur-generator.js";
import { silentLogger } from "../../src/util/log.js";
import type { Progress } from "../../src/util/progress.js";
import { tempDir } from "../helpers/db.js";

const NOW = new Date("2026-11-06T09:30:00Z");
const aws = createAwsAccess({ env: {}, log: silentLogger });
afterAll(() => aws.close());

describe("collect progress", () => {
  it("shows the CUR unit's phases on the units counter while it ingests (a local export, real store)", async () => {
    const gen = await generateCurExport({ root: tempDir(), now: NOW, months: 1, daysPerPeriod: 2 });
    const db = await openDb(join(tempDir(), "store.db"));
    try {
      const config = parseConfig({
        accounts: [{ id: "111111111111" }],
        cur: { source: gen.exportDir },
      });
      const lines: string[] = [];
      let done = "";
      const progress: Progress = {
        update: (t) => lines.push(t),
        done: (t) => {
          done = t ?? "";
        },
      };
      const deps = { db, config, now: () => NOW, log: silentLogger, aws };
      const summary = await runCollection(
        { ...deps, ingestCur: curIngester(deps) },
        { sources: ["cur"], progress },
      );
      expect(summary.status).toBe("ok");
      expect(summary.units.map((u) => [u.source, u.status])).toEqual([["cur", "ok"]]);
      const cur = lines.filter((l) => l.startsWith("0/1 units · CUR 2026-11: "));
      expect(cur.some((l) => /rows read; reducing Bedrock lines to cost rows$/.test(l))).toBe(true);
      expect(cur.some((l) => /cost rows written; indexing, rollup and commit$/.test(l))).toBe(true);
      expect(lines.at(-1)).toBe("1/1 units");
      expect(done).toBe("1/1 units ok, 0 failed");
    } finally {
      await db.destroy();
    }
  }, 60_000);
});

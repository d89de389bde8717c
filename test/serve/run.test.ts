import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import { collectSchedulerComponent } from "../../src/serve/collect-component.js";
import { runServe } from "../../src/serve/run.js";
import type { ServeComponent, ServeContext } from "../../src/serve/types.js";
import { silentLogger } from "../../src/util/log.js";
import { memoryDb } from "../helpers/db.js";
import { sandboxAccount } from "../helpers/sandbox.js";

describe("runServe", () => {
  it("starts enabled components in order and stops them in reverse once `until` resolves", async () => {
    const db = await memoryDb();
    const events: string[] = [];
    const probe = (name: string, enabled = true): ServeComponent => ({
      name,
      enabled: () => enabled,
      async start() {
        events.push(`start ${name}`);
        return { stop: async () => void events.push(`stop ${name}`) };
      },
    });
    const config = parseConfig({ accounts: [sandboxAccount("111111111111")] });
    const ctx = {
      deps: { db, config, now: () => new Date(), log: silentLogger, aws: {} },
      env: {},
    } as unknown as ServeContext;
    let go!: () => void;
    const until = new Promise<void>((r) => {
      go = r;
    });
    const running = runServe([collectSchedulerComponent, probe("mcp"), probe("slack", false)], ctx, until);
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toEqual(["start mcp"]);
    go();
    expect(await running).toEqual(["collect-scheduler", "mcp"]);
    expect(events).toEqual(["start mcp", "stop mcp"]);
    await db.destroy();
  });
});

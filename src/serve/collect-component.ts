import { curIngester } from "../collect/cur-unit.js";
import { runCollection } from "../collect/run.js";
import { startScheduler } from "../collect/scheduler.js";
import { telemetry } from "../util/telemetry.js";
import type { ServeComponent } from "./types.js";

/** Collection on config collect.schedule, one source at a time per source, never overlapping itself. */
export const collectSchedulerComponent: ServeComponent = {
  name: "collect-scheduler",
  enabled: (ctx) => ctx.deps.config.accounts.length > 0 || Boolean(ctx.deps.config.cur),
  async start({ deps, exclusive }) {
    const { collect } = deps.config;
    const scheduler = startScheduler({
      schedule: collect.schedule,
      timezone: collect.timezone,
      log: deps.log,
      exclusive,
      run: async (source, signal) => {
        const ingestCur = curIngester(deps);
        const s = await runCollection({ ...deps, ingestCur }, { sources: [source], signal });
        const failed = s.units.filter((u) => u.status === "failed").length;
        telemetry().count("collection_runs", { source, status: s.status });
        if (failed > 0) telemetry().count("collection_failures", { source }, failed);
        deps.log.info(`scheduler: ${source} ${s.status} (${s.units.length} units)`);
      },
    });
    return { stop: () => scheduler.stop() };
  },
};

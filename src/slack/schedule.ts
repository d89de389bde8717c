import cron, { type ScheduledTask } from "node-cron";
import type { Config } from "../config.js";
import { errorMessage, UsageError } from "../errors.js";
import { alwaysRun, type Exclusive } from "../util/exclusive.js";
import { runAlerts } from "./jobs/alerts.js";
import { sendDigest } from "./jobs/digest.js";
import { sendWeeklySavings } from "./jobs/savings.js";
import type { JobDeps } from "./jobs/types.js";

/** Alerts are cheap and idempotent: evaluated often (default of config slack.alerts.cron). */
export const ALERTS_CRON = "*/15 * * * *";

export interface SlackJob {
  name: "slack-digest" | "slack-alerts" | "slack-savings";
  cron: string;
  timezone: string;
  run(deps: JobDeps, now: Date): Promise<unknown>;
}

function checkSchedule(key: string, expr: string, timezone: string): void {
  if (!cron.validate(expr))
    throw new UsageError(`config slack.${key}.cron: "${expr}" is not a valid 5-field cron expression`);
  if (!isTimezone(timezone))
    throw new UsageError(
      `config slack.${key}.timezone: "${timezone}" is not an IANA time zone (e.g. Europe/Berlin)`,
    );
}

/** The Slack jobs and when they run (config `slack.digest`, `slack.savings`), validated. */
export function slackJobs(config: Config): SlackJob[] {
  const { cron: digestCron, timezone } = config.slack.digest;
  checkSchedule("digest", digestCron, timezone);
  const savings = { cron: config.slack.savings.cron, timezone: config.slack.savings.timezone ?? timezone };
  checkSchedule("savings", savings.cron, savings.timezone);
  checkSchedule("alerts", config.slack.alerts.cron, "UTC");
  return [
    { name: "slack-digest", cron: digestCron, timezone, run: sendDigest },
    { name: "slack-alerts", cron: config.slack.alerts.cron, timezone: "UTC", run: runAlerts },
    { name: "slack-savings", ...savings, run: sendWeeklySavings },
  ];
}

function isTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Starts the jobs; each run reads the product clock and logs failures instead of crashing. */
export function startSlackJobs(
  deps: JobDeps,
  jobs = slackJobs(deps.config),
  exclusive: Exclusive = alwaysRun,
): { tasks: ScheduledTask[]; stop(): Promise<void> } {
  const tasks = jobs.map((job) =>
    cron.schedule(
      job.cron,
      async (ctx) => {
        try {
          await exclusive(job.name, ctx.date, async () => {
            await job.run(deps, deps.now());
          });
        } catch (err) {
          deps.log.error(`${job.name}: ${errorMessage(err)}`);
        }
      },
      { name: job.name, timezone: job.timezone, noOverlap: true },
    ),
  );
  return {
    tasks,
    async stop() {
      for (const t of tasks) await t.destroy();
    },
  };
}

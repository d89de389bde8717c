import cron, { type ScheduledTask } from "node-cron";
import type { Config } from "../config.js";
import { errorMessage, UsageError } from "../errors.js";
import { runAlerts } from "./jobs/alerts.js";
import { sendDigest } from "./jobs/digest.js";
import type { JobDeps } from "./jobs/types.js";

/** Alerts are cheap and idempotent: evaluate them often, post only what is new. */
export const ALERTS_CRON = "*/15 * * * *";

export interface SlackJob {
  name: "slack-digest" | "slack-alerts";
  cron: string;
  timezone: string;
  run(deps: JobDeps, now: Date): Promise<unknown>;
}

/** The Slack jobs and when they run (config `slack.digest`), validated. */
export function slackJobs(config: Config): SlackJob[] {
  const { cron: digestCron, timezone } = config.slack.digest;
  if (!cron.validate(digestCron))
    throw new UsageError(`config slack.digest.cron: "${digestCron}" is not a valid 5-field cron expression`);
  if (!isTimezone(timezone))
    throw new UsageError(
      `config slack.digest.timezone: "${timezone}" is not an IANA time zone (e.g. Europe/Berlin)`,
    );
  return [
    { name: "slack-digest", cron: digestCron, timezone, run: sendDigest },
    { name: "slack-alerts", cron: ALERTS_CRON, timezone: "UTC", run: runAlerts },
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
): { tasks: ScheduledTask[]; stop(): Promise<void> } {
  const tasks = jobs.map((job) =>
    cron.schedule(
      job.cron,
      async () => {
        try {
          await job.run(deps, deps.now());
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

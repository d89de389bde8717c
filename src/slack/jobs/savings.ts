import { keysSince, recordShown } from "../../store/queries/slack.js";
import { isoDay } from "../../util/dates.js";
import { weeklySavingsMessage } from "../blocks/savings.js";
import { runTool } from "../capability.js";
import type { PostResult } from "../delivery.js";
import type { SavingsOpportunityView, SavingsView } from "../outputs.js";
import type { SlackDeps, SlackMessage } from "../types.js";
import type { JobDeps } from "./types.js";

/**
 * The weekly savings post (config slack.savings.cron, default Mondays): the top opportunities of
 * get_savings_opportunities counted in its total, with dollars, each shown once a week at most — every opportunity
 * shown is recorded in the post ledger as `savings:<day>:<id>`, and one shown in the last 7 days
 * is skipped (an hour's grace, so a weekly schedule always shows it again). Ids are stable from run to run (docs/savings.md).
 */

export const WEEKLY_TOP = 3;
// An hour short of 7 days: next week's run at the same hour is never blocked by a few ms of timer jitter.
const WEEK_MS = (7 * 24 - 1) * 3_600_000;
const PREFIX = "savings:";

const shownKey = (day: string, id: string) => `${PREFIX}${day}:${id}`;
/** `savings:YYYY-MM-DD:<id>` → id. */
const idOfKey = (key: string) => key.slice(PREFIX.length + 11);

export interface WeeklySavings {
  out: SavingsView;
  shown: SavingsOpportunityView[];
}

export async function weeklySavingsData(deps: SlackDeps, now: Date): Promise<WeeklySavings | null> {
  const out = await runTool(deps, "get_savings_opportunities", {});
  if (!out) return null;
  const since = new Date(now.getTime() - WEEK_MS).toISOString();
  const recent = new Set((await keysSince(deps.db, PREFIX, since)).map(idOfKey));
  // Counted ones only: an opportunity that overlaps a larger one is an alternative, not news.
  const shown = out.opportunities.filter((o) => o.countedInTotal && !recent.has(o.id)).slice(0, WEEKLY_TOP);
  return { out, shown };
}

/** The weekly post as it would be sent now (demo and previews); null when nothing is new. */
export async function weeklySavingsPreview(deps: SlackDeps, now: Date): Promise<SlackMessage | null> {
  const data = await weeklySavingsData(deps, now);
  return data?.shown.length ? weeklySavingsMessage(data.out, data.shown) : null;
}

/** Posts this week's savings once a day at most, then records each opportunity it showed. */
export async function sendWeeklySavings(deps: JobDeps, now: Date): Promise<PostResult | null> {
  const data = await weeklySavingsData(deps, now);
  if (!data?.shown.length) {
    deps.log.info("slack-savings: no opportunity left to show this week");
    return null;
  }
  const day = isoDay(now);
  const message = weeklySavingsMessage(data.out, data.shown);
  const res = await deps.delivery.postOnce(`savings-week:${day}`, "savings", deps.channel, message);
  if (res.posted)
    await recordShown(
      deps.db,
      data.shown.map((o) => shownKey(day, o.id)),
      "savings-opportunity",
      deps.channel,
      now.toISOString(),
    );
  return res;
}

import { errorMessage, UsageError } from "../errors.js";
import { addDays, isoDay } from "../util/dates.js";
import { anomaliesMessage } from "./blocks/anomalies.js";
import { budgetsMessage } from "./blocks/budgets.js";
import { errorReply, helpMessage, unavailableMessage, usageMessage } from "./blocks/help.js";
import { idleMessage, statusMessage } from "./blocks/other.js";
import { savingsMessage } from "./blocks/savings.js";
import { spendMessage } from "./blocks/spend.js";
import { runTool } from "./capability.js";
import { type ParsedCommand, parseCommandText } from "./parse-command.js";
import type { SlackDeps, SlackMessage } from "./types.js";

/** An answer to `/bedrock-spend …` (or a mention): ephemeral for help, errors and refusals. */
export interface Answer {
  message: SlackMessage;
  ephemeral: boolean;
}

const shared = (message: SlackMessage | null, what: string): Answer =>
  message ? { message, ephemeral: false } : { message: unavailableMessage(what), ephemeral: true };

async function spendAnswer(deps: SlackDeps, cmd: Extract<ParsedCommand, { kind: "spend" }>) {
  const out = await runTool(deps, "get_spend_by_model", cmd.input);
  if (!out) return null;
  let daily: { day: string; costUsd: number }[] | undefined;
  if (cmd.input.from !== cmd.input.to) {
    const byDay = await runTool(deps, "get_spend_by_model", {
      from: cmd.input.from,
      to: cmd.input.to,
      groupBy: ["day"],
      limit: 1000,
    });
    daily = (byDay?.rows ?? [])
      .map((r) => ({ day: String(r.day), costUsd: r.costUsd ?? 0 }))
      .sort((a, b) => a.day.localeCompare(b.day));
  }
  return spendMessage(out, {
    title: `${cmd.period} by ${cmd.input.groupBy.join(", ")}`,
    groupBy: cmd.input.groupBy,
    daily,
  });
}

async function route(deps: SlackDeps, cmd: ParsedCommand, now: Date): Promise<Answer> {
  switch (cmd.kind) {
    case "usage":
      return { message: usageMessage(cmd.problem), ephemeral: true };
    case "help":
      return { message: helpMessage(), ephemeral: true };
    case "spend":
      return shared(await spendAnswer(deps, cmd), "spend");
    case "anomalies": {
      const range = { from: addDays(isoDay(now), -6), to: isoDay(now) };
      const out = await runTool(deps, "detect_anomalies", range);
      return shared(out && anomaliesMessage(out, range), "anomalies");
    }
    case "budgets": {
      const out = await runTool(deps, "get_budget_status", {});
      return shared(out && budgetsMessage(out), "budgets");
    }
    case "idle": {
      const out = await runTool(deps, "list_idle_throughput", {});
      return shared(out && idleMessage(out), "idle");
    }
    case "savings": {
      const out = await runTool(deps, "get_savings_opportunities", {});
      return shared(out && savingsMessage(out), "savings");
    }
    case "status": {
      const out = await runTool(deps, "onboarding_status", {});
      return shared(out && statusMessage(out), "status");
    }
  }
}

/** Parses the command text and answers it. Never throws: failures become ephemeral replies. */
export async function answerCommand(deps: SlackDeps, text: string): Promise<Answer> {
  const now = deps.now();
  try {
    return await route(deps, parseCommandText(text, now), now);
  } catch (err) {
    if (err instanceof UsageError) return { message: usageMessage(err.message), ephemeral: true };
    deps.log.error(`slack: answering "${text}" failed: ${errorMessage(err)}`);
    return { message: errorReply(`Could not answer: ${errorMessage(err)}`), ephemeral: true };
  }
}

import { readFileSync } from "node:fs";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

/**
 * MCP prompts and server instructions live in prompts/*.md at the package root. The list is
 * static (no directory scan) and files are read relative to this module, which sits two levels
 * below the root both in src/ (tsx) and in dist/ (built and bundled).
 */
const PROMPTS_DIR = new URL("../../prompts/", import.meta.url);

interface PromptSpec {
  name: string;
  title: string;
  description: string;
  file: string;
  /** Argument name → description, and what fills the template when it is omitted. */
  args: Record<string, { description: string; fallback: string; wrap?: (v: string) => string }>;
}

export const PROMPT_SPECS: PromptSpec[] = [
  {
    name: "weekly-spend-review",
    title: "Weekly Bedrock spend review",
    description: "Week-over-week spend by model, account and principal, anomalies, budgets, retirements",
    file: "weekly-spend-review.md",
    args: {
      weekEnding: { description: "Last day of the week, YYYY-MM-DD (default today)", fallback: "today" },
    },
  },
  {
    name: "investigate-anomaly",
    title: "Investigate a spend anomaly",
    description: "Drill into one anomaly: drivers by token type, principal, tier and hour, and what to do",
    file: "investigate-anomaly.md",
    args: {
      anomaly: {
        description:
          "Anomaly id from detect_anomalies, or a date and key such as 2026-11-20 Claude Sonnet 4.6",
        fallback: "that the user is asking about (the most recent one when unsure)",
        wrap: (v) => `"${v}"`,
      },
    },
  },
  {
    name: "budget-check",
    title: "Budget check",
    description: "Budget status, forecast and drivers for a month",
    file: "budget-check.md",
    args: {
      month: { description: "Month YYYY-MM (default the current month)", fallback: "the current month" },
    },
  },
  {
    name: "onboarding-help",
    title: "Onboarding help",
    description: "Walk through the setup checklist (role, permissions, CUR, metrics, logging, freshness)",
    file: "onboarding-help.md",
    args: {
      accountId: {
        description: "12-digit AWS account id to check (default every configured account)",
        fallback: "",
        wrap: (v) => ` for account ${v}`,
      },
    },
  },
  {
    name: "cost_reduction_review",
    title: "Cost reduction review",
    description:
      "Walk through the top savings opportunities: dollars a month, confidence, caveats and actions",
    file: "cost-reduction-review.md",
    args: {
      account: {
        description: "12-digit AWS account id to review (default every account)",
        fallback: "",
        wrap: (v) => ` in account ${v} (pass filters.account ["${v}"] to every tool)`,
      },
      minMonthlyUsd: {
        description: "Smallest monthly saving worth listing, USD (default 10)",
        fallback: "",
        wrap: (v) => ` with minMonthlyUsd ${v}`,
      },
    },
  },
];

export interface PromptLibrary {
  instructions: string;
  templates: Record<string, string>;
}

/** Reads the instructions and every prompt template once. */
export function loadPromptLibrary(dir: URL = PROMPTS_DIR): PromptLibrary {
  const read = (file: string) => readFileSync(new URL(file, dir), "utf8").trim();
  return {
    instructions: read("instructions.md"),
    templates: Object.fromEntries(PROMPT_SPECS.map((p) => [p.name, read(p.file)])),
  };
}

/** Fills `{{arg}}` placeholders; an omitted argument gets its fallback text. */
export function renderPrompt(spec: PromptSpec, template: string, args: Record<string, string | undefined>) {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
    const arg = spec.args[key];
    if (!arg) return whole;
    const v = args[key]?.trim();
    if (!v) return arg.fallback;
    return arg.wrap ? arg.wrap(v) : v;
  });
}

export function registerPrompts(server: McpServer, library: PromptLibrary): void {
  for (const spec of PROMPT_SPECS) {
    const argsSchema = Object.fromEntries(
      Object.entries(spec.args).map(([k, a]) => [k, z.string().optional().describe(a.description)]),
    );
    server.registerPrompt(
      spec.name,
      { title: spec.title, description: spec.description, argsSchema },
      (args: Record<string, string | undefined>) => ({
        description: spec.description,
        messages: [
          {
            role: "user",
            content: { type: "text", text: renderPrompt(spec, library.templates[spec.name], args) },
          },
        ],
      }),
    );
  }
}

import { createInterface } from "node:readline/promises";
import type { InitAnswers } from "./init-config.js";

/** Reads answers line by line; prompts go to stderr so stdout stays machine output. */
export interface Prompter {
  ask(question: string, fallback?: string): Promise<string>;
  close(): void;
}

export function readlinePrompter(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Prompter {
  const rl = createInterface({ input, output, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  return {
    async ask(question, fallback) {
      output.write(`${question}${fallback ? ` [${fallback}]` : ""}: `);
      const next = await lines.next();
      const answer = next.done ? "" : String(next.value).trim();
      return answer || fallback || "";
    },
    close: () => rl.close(),
  };
}

const list = (s: string) =>
  s
    .split(/[,\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** The interactive questionnaire; flags already given are kept and not asked again. */
export async function askAnswers(p: Prompter, given: Partial<InitAnswers>): Promise<InitAnswers> {
  const accounts = given.accounts?.length
    ? given.accounts
    : list(await p.ask("AWS accounts to read, as ID or ID:name, comma-separated"));
  const regions = given.regions?.length
    ? given.regions
    : list(await p.ask("Regions where Bedrock runs, comma-separated", "us-east-1"));
  const roleName =
    given.roleName ?? (await p.ask("Name of the read-only role in each account", "BedrockSpendReadOnly"));
  const cur =
    given.cur ??
    ((await p.ask("CUR 2.0 export location (s3://bucket/prefix/export-name or a folder; empty to skip)")) ||
      undefined);
  const logsBucket =
    given.logsBucket ??
    ((await p.ask("Invocation-log bucket (only metadata is read; empty to skip)")) || undefined);
  const slackChannel =
    given.slackChannel ??
    ((await p.ask("Slack channel for digests and alerts (empty to skip)")) || undefined);
  return { ...given, accounts, regions, roleName, cur, logsBucket, slackChannel };
}

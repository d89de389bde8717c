import type { Command } from "commander";
import { onboardingStatus } from "../capabilities/onboarding-status.js";
import type { CliContext } from "../cli/context.js";
import { formatChecklist } from "../cli/doctor-format.js";

/** Runs onboarding_status and prints it as a checklist; exit 1 with any error, 0 with only warnings. */
export async function runDoctor(
  ctx: CliContext,
  opts: { json?: boolean; account?: string },
): Promise<number> {
  const input = onboardingStatus.inputSchema.parse({ accountId: opts.account });
  const out = await onboardingStatus.run(await ctx.deps({ aws: true }), input);
  if (opts.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  else process.stdout.write(formatChecklist(out, onboardingStatus.summarize(out)));
  return out.ok ? 0 : 1;
}

export function registerDoctor(program: Command, ctx: CliContext): void {
  program
    .command("doctor")
    .description(
      "check the setup live: role and ExternalId, permissions, CUR export, metrics, invocation logging, collection freshness (✓ ok, ! warning, ✗ error, each with its fix)",
    )
    .option("--account <id>", "only this configured account")
    .option("--json", "print the onboarding_status structured output")
    .addHelpText("after", "\nExit code: 0 when nothing is an error (warnings allowed), 1 with any error.")
    .action(async (opts: { json?: boolean; account?: string }) => {
      process.exitCode = await runDoctor(ctx, opts);
    });
}

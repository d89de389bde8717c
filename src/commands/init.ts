import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Command } from "commander";
import { CliContext } from "../cli/context.js";
import { DEFAULT_CONFIG_PATH } from "../config.js";
import { UsageError } from "../errors.js";
import {
  buildInitConfig,
  deployCommands,
  type InitAnswers,
  TEMPLATE_FILE,
} from "../onboarding/init-config.js";
import { askAnswers, readlinePrompter } from "../onboarding/init-prompts.js";
import { runDoctor } from "./doctor.js";

interface InitFlags {
  account: string[];
  regions?: string;
  roleName?: string;
  cur?: string;
  curAccount?: string;
  logsBucket?: string;
  slackChannel?: string;
  trustedPrincipal?: string;
  yes?: boolean;
  out?: string;
  force?: boolean;
  doctor?: boolean;
}

const collect = (v: string, prev: string[]) => [...prev, v];

/** Whom the roles should trust: the flag, else the account of the credentials init runs with. */
async function trustedPrincipal(ctx: CliContext, flag: string | undefined): Promise<string> {
  if (flag) return flag;
  try {
    const who = await (await ctx.aws())
      .clients(null)
      .sts.send(new (await import("@aws-sdk/client-sts")).GetCallerIdentityCommand({}));
    if (who.Account) return `arn:aws:iam::${who.Account}:root`;
  } catch (err) {
    ctx.log.warn(
      `init: could not read the current AWS identity (${(err as Error).name}); pass --trusted-principal`,
    );
  }
  return "<ARN or account id bedrock-spend runs as>";
}

async function gather(opts: InitFlags): Promise<{ answers: InitAnswers; runDoctor: boolean }> {
  const given: Partial<InitAnswers> = {
    accounts: opts.account,
    regions: opts.regions
      ?.split(",")
      .map((r) => r.trim())
      .filter(Boolean),
    roleName: opts.roleName,
    cur: opts.cur,
    curAccount: opts.curAccount,
    logsBucket: opts.logsBucket,
    slackChannel: opts.slackChannel,
  };
  if (opts.yes) {
    if (!given.accounts?.length) throw new UsageError("init --yes needs at least one --account ID[:name]");
    return {
      answers: { ...given, accounts: given.accounts, regions: given.regions ?? ["us-east-1"] },
      runDoctor: Boolean(opts.doctor),
    };
  }
  const p = readlinePrompter(process.stdin, process.stderr);
  try {
    const answers = await askAnswers(p, given);
    const doctor =
      opts.doctor ??
      /^y/i.test(await p.ask("Run bedrock-spend doctor now (after deploying the roles)? y/N", "n"));
    return { answers, runDoctor: doctor };
  } finally {
    p.close();
  }
}

export function registerInit(program: Command, ctx: CliContext): void {
  program
    .command("init")
    .description(
      "write a config (interactively, or from flags with --yes) and print the role deploy commands",
    )
    .option("--account <id[:name]>", "an AWS account to read (repeatable)", collect, [])
    .option("--regions <list>", "comma-separated regions (default us-east-1)")
    .option("--role-name <name>", "read-only role name in each account (default BedrockSpendReadOnly)")
    .option("--cur <location>", "CUR 2.0 export: s3://bucket/prefix/export-name or a local folder")
    .option(
      "--cur-account <id>",
      "the configured account whose role reads the CUR (default: the base credentials)",
    )
    .option("--logs-bucket <bucket>", "invocation-log bucket (name or s3://bucket/prefix), metadata only")
    .option("--slack-channel <channel>", "Slack channel for digests and alerts")
    .option("--trusted-principal <arn>", "identity the roles trust (default: the current AWS account)")
    .option("--out <file>", `config file to write (default ${DEFAULT_CONFIG_PATH})`)
    .option("--force", "overwrite an existing config file")
    .option("--yes", "no prompts: take everything from flags")
    .option("--doctor", "run bedrock-spend doctor after writing the config")
    .action(async (opts: InitFlags) => {
      const out = opts.out ?? ctx.configPath ?? DEFAULT_CONFIG_PATH;
      if (existsSync(out) && !opts.force)
        throw new UsageError(`${out} already exists: pass --force to overwrite it, or --out <other file>`);
      const { answers, runDoctor: doctor } = await gather(opts);
      const result = buildInitConfig(answers);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, result.yaml, { mode: 0o600 });
      ctx.log.info(`init: wrote ${out} (${result.accounts.length} accounts, a fresh ExternalId each)`);
      const principal = await trustedPrincipal(ctx, opts.trustedPrincipal);
      const cfn = `bedrock-spend cfn-template > ${TEMPLATE_FILE}`;
      process.stdout.write(`${[cfn, ...deployCommands(answers, result, principal)].join("\n")}\n`);
      ctx.log.info(`init: then check everything with: bedrock-spend --config ${out} doctor`);
      if (!doctor) return;
      const after = new CliContext(() => ({ db: ctx.dbPath, config: out }), ctx.env);
      try {
        process.exitCode = await runDoctor(after, {});
      } finally {
        await after.close();
      }
    });
}

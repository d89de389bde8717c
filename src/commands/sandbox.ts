import type { Command } from "commander";
import type { CliContext } from "../cli/context.js";
import { UsageError } from "../errors.js";
import { sandboxInstructions } from "../sandbox/instructions.js";
import { DEMO_SCENARIOS } from "../synthetic/scenario.js";

/**
 * `bedrock-spend sandbox`: a local AWS look-alike serving the synthetic org, for trying the tool
 * without an AWS account. Prints the env to set on stdout; runs until interrupted.
 */
export function registerSandbox(program: Command, ctx: CliContext): void {
  program
    .command("sandbox")
    .description(
      "run a local AWS sandbox (STS, CloudWatch, Bedrock, Logs, IAM, Pricing, S3) serving a demo org",
    )
    .option("--port <n>", "port to listen on (0 = any free port)", "0")
    .option("--host <host>", "address to bind", "127.0.0.1")
    .option("--data-dir <dir>", "folder served as S3 buckets (invocation logs are written into it)")
    .option(
      "--scenario <name>",
      "plain, or on-call (a role without GetMetricData, sampled logs, a runaway today; docs/demo.md)",
      "plain",
    )
    .action(async (opts: { port: string; host: string; dataDir?: string; scenario: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port ${opts.port} is not a port number (0-65535)`);
      const scenario = DEMO_SCENARIOS.find((s) => s === opts.scenario);
      if (!scenario)
        throw new UsageError(`--scenario ${opts.scenario} is not one of ${DEMO_SCENARIOS.join(", ")}`);
      const { startSandbox } = await import("../sandbox/server.js");
      const sb = await startSandbox({
        port,
        host: opts.host,
        now: ctx.now(),
        dataDir: opts.dataDir,
        scenario,
      });
      process.stdout.write(sandboxInstructions(sb));
      ctx.log.info(`sandbox: listening on ${sb.url}; Ctrl-C to stop`);
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      await sb.close();
    });
}

import type { Command } from "commander";
import type { CliContext } from "../cli/context.js";
import { DEFAULT_ROLE_NAME, renderCfnTemplate } from "../onboarding/cfn-template.js";

interface CfnFlags {
  roleName: string;
  externalId?: string;
  trustedPrincipal?: string;
  logGroupArn?: string;
  curBucket?: string;
  logsBucket?: string;
}

/** `bedrock-spend cfn-template`: the read-only role as CloudFormation YAML on stdout. */
export function registerCfnTemplate(program: Command, _ctx: CliContext): void {
  program
    .command("cfn-template")
    .description("print the CloudFormation template (YAML) of the read-only cross-account role")
    .option("--role-name <name>", "default of the RoleName parameter", DEFAULT_ROLE_NAME)
    .option("--external-id <id>", "default of the ExternalId parameter (sts:ExternalId)")
    .option(
      "--trusted-principal <arn>",
      "default of TrustedPrincipal: account id or IAM ARN bedrock-spend runs as",
    )
    .option(
      "--log-group-arn <arn>",
      "invocation-log group ARN: adds a logs:FilterLogEvents policy scoped to it",
    )
    .option(
      "--cur-bucket <bucket>",
      "CUR export bucket (name or s3:// URL): adds an S3 read policy scoped to it",
    )
    .option("--logs-bucket <bucket>", "invocation-log bucket: adds an S3 read policy scoped to it")
    .addHelpText(
      "after",
      "\nDeploy it in each member account, e.g.\n" +
        "  bedrock-spend cfn-template > role.yaml\n" +
        "  aws cloudformation deploy --template-file role.yaml --stack-name bedrock-spend-read-only \\\n" +
        "    --capabilities CAPABILITY_NAMED_IAM --parameter-overrides ExternalId=… TrustedPrincipal=…",
    )
    .action((opts: CfnFlags) => {
      process.stdout.write(renderCfnTemplate(opts));
    });
}

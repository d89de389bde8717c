import { randomBytes } from "node:crypto";
import { stringify } from "yaml";
import { z } from "zod";
import { parseConfig } from "../config.js";
import { UsageError } from "../errors.js";
import { DEFAULT_ROLE_NAME } from "./cfn-template.js";
import { parseS3Url } from "./permissions/needed.js";

/** What `init` asks for, from flags or prompts. */
export interface InitAnswers {
  /** `ID` or `ID:name`. */
  accounts: string[];
  regions: string[];
  roleName?: string;
  /** `s3://bucket/prefix/export-name` or a local folder. */
  cur?: string;
  curAccount?: string;
  /** Invocation-log bucket (`name` or `s3://name/prefix`). */
  logsBucket?: string;
  slackChannel?: string;
  trustedPrincipal?: string;
}

/** A fresh ExternalId: 128 random bits, hex (allowed chars of sts:ExternalId). */
export function newExternalId(): string {
  return `bsp-${randomBytes(16).toString("hex")}`;
}

const accountSpec = z
  .string()
  .regex(
    /^\d{12}(:[\w .@-]{1,64})?$/,
    "expected ID or ID:name with a 12-digit account id, e.g. 111111111111:prod",
  );

function parseAccount(spec: string): { id: string; name?: string } {
  const r = accountSpec.safeParse(spec.trim());
  if (!r.success) throw new UsageError(`--account ${JSON.stringify(spec)}: ${r.error.issues[0].message}`);
  const [id, ...name] = r.data.split(":");
  return name.length ? { id, name: name.join(":") } : { id };
}

export interface InitResult {
  /** The config as written (only what init decided; defaults stay implicit). */
  raw: Record<string, unknown>;
  yaml: string;
  accounts: { id: string; name?: string; externalId: string; roleArn: string }[];
}

/** Builds and validates the config. `externalId` is injected so tests can pin it. */
export function buildInitConfig(a: InitAnswers, externalId: () => string = newExternalId): InitResult {
  if (!a.accounts.length) throw new UsageError("init needs at least one --account ID[:name]");
  const roleName = a.roleName ?? DEFAULT_ROLE_NAME;
  const logs = a.logsBucket ? (parseS3Url(a.logsBucket) ?? { bucket: a.logsBucket, prefix: "" }) : null;
  const parsed = a.accounts.map(parseAccount);
  const dup = parsed.find((p, i) => parsed.findIndex((q) => q.id === p.id) !== i);
  if (dup) throw new UsageError(`--account ${dup.id} is given twice`);
  if (a.curAccount && !parsed.some((p) => p.id === a.curAccount))
    throw new UsageError(`--cur-account ${a.curAccount} is not one of the --account ids`);
  const accounts = parsed.map((p) => ({
    ...p,
    roleArn: `arn:aws:iam::${p.id}:role/${roleName}`,
    externalId: externalId(),
  }));
  const raw: Record<string, unknown> = {
    accounts: accounts.map((x) => ({
      id: x.id,
      ...(x.name ? { name: x.name } : {}),
      roleArn: x.roleArn,
      externalId: x.externalId,
      regions: [...a.regions],
      ...(logs ? { invocationLogs: { s3: { bucket: logs.bucket, prefix: logs.prefix } } } : {}),
    })),
  };
  if (a.cur) raw.cur = { source: a.cur, ...(a.curAccount ? { account: a.curAccount } : {}) };
  if (a.slackChannel) raw.slack = { channel: a.slackChannel };
  parseConfig(raw, "init: the generated config");
  const header =
    "# bedrock-spend config written by `bedrock-spend init`. Reference: README, section Config.\n";
  return { raw, yaml: header + stringify(raw, { lineWidth: 0, aliasDuplicateObjects: false }), accounts };
}

const STACK = "bedrock-spend-read-only";
export const TEMPLATE_FILE = "bedrock-spend-role.yaml";

/** One `aws cloudformation deploy` per account, run with that account's admin credentials. */
export function deployCommands(a: InitAnswers, r: InitResult, trustedPrincipal: string): string[] {
  const curBucket = a.cur ? parseS3Url(a.cur)?.bucket : undefined;
  const logs = a.logsBucket ? (parseS3Url(a.logsBucket)?.bucket ?? a.logsBucket) : undefined;
  return r.accounts.map((acct) => {
    const overrides = [
      `RoleName=${a.roleName ?? DEFAULT_ROLE_NAME}`,
      `ExternalId=${acct.externalId}`,
      `TrustedPrincipal=${trustedPrincipal}`,
      ...(curBucket && a.curAccount === acct.id ? [`CurBucket=${curBucket}`] : []),
      ...(logs ? [`InvocationLogBucket=${logs}`] : []),
    ];
    return [
      `# account ${acct.id}${acct.name ? ` (${acct.name})` : ""}, with that account's admin credentials:`,
      `aws cloudformation deploy --stack-name ${STACK} --template-file ${TEMPLATE_FILE} --capabilities CAPABILITY_NAMED_IAM --parameter-overrides ${overrides.join(" ")}`,
    ].join("\n");
  });
}

import type { AccountConfig, Config } from "../../config.js";
import {
  CORE_READ_ACTIONS,
  DANGEROUS_ACTIONS,
  LOGS_ACTIONS,
  UNUSED_READ_ACTIONS,
  VERIFY_ACTION,
} from "../actions.js";
import type { NeededAction } from "./types.js";

const partitionOf = (roleArn: string | null) => /^arn:(aws[a-z-]*):/.exec(roleArn ?? "")?.[1] ?? "aws";

/** `s3://bucket/prefix` → bucket and prefix; null for a local folder. */
export function parseS3Url(url: string): { bucket: string; prefix: string } | null {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  return m ? { bucket: m[1], prefix: m[2] } : null;
}

function s3Needs(partition: string, bucket: string, prefix: string): NeededAction[] {
  const target = { bucket, prefix };
  const bucketArn = `arn:${partition}:s3:::${bucket}`;
  return [
    { action: "s3:ListBucket", expected: "allowed", resources: [bucketArn], target },
    { action: "s3:GetObject", expected: "allowed", resources: [`${bucketArn}/${prefix}*`], target },
  ];
}

/**
 * What one account's role needs, given what the config reads through it, and what it must not
 * hold. Pure: the same list drives simulation and probing.
 */
export function neededActions(
  account: AccountConfig,
  config: Config,
  roleArn: string | null,
): NeededAction[] {
  const p = partitionOf(roleArn);
  const out: NeededAction[] = CORE_READ_ACTIONS.map((action) => ({
    action,
    expected: "allowed" as const,
    resources: action.startsWith("iam:") && roleArn ? [roleArn] : ["*"],
    ...(UNUSED_READ_ACTIONS.includes(action) ? { optional: true } : {}),
  }));
  out.push({ action: VERIFY_ACTION, expected: "allowed", resources: [roleArn ?? "*"], optional: true });
  const logs = account.invocationLogs;
  if (logs?.logGroup) {
    // The group lives in every region with the same name; the first region stands for all.
    const arn = `arn:${p}:logs:${account.regions[0]}:${account.id}:log-group:${logs.logGroup}:*`;
    for (const action of LOGS_ACTIONS)
      out.push({ action, expected: "allowed", resources: [arn], target: { logGroup: logs.logGroup } });
  }
  if (logs?.s3) out.push(...s3Needs(p, logs.s3.bucket, logs.s3.prefix));
  const cur = config.cur ? parseS3Url(config.cur.source) : null;
  if (cur && config.cur?.account === account.id) out.push(...s3Needs(p, cur.bucket, cur.prefix));
  for (const action of DANGEROUS_ACTIONS) out.push({ action, expected: "denied", resources: ["*"] });
  const seen = new Set<string>();
  return out.filter((n) => {
    const key = `${n.action} ${n.resources.join(",")}`;
    return !seen.has(key) && seen.add(key);
  });
}

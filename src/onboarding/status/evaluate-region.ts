import { contentLoggingFix, FIX } from "./fixes.js";
import type { AccountFacts, RegionFacts, Step } from "./types.js";

const usd = (v: number) => `$${v.toFixed(2)}`;

const isDenied = (name: string | null) => /denied|unauthorized|forbidden/i.test(name ?? "");

/**
 * Can metrics collection work here: the calls it sends (ListMetrics, then GetMetricData) answer,
 * and its last run for this account/region did not fail. Null when both hold.
 */
function metricsAccessStep(f: AccountFacts, r: RegionFacts): Step | null {
  const base = { id: "cloudwatch_metrics" as const, region: r.region };
  const role = f.permissions?.roleArn ?? f.account.roleArn ?? null;
  const failed = !r.metrics.ok ? r.metrics : r.metricData && !r.metricData.ok ? r.metricData : null;
  if (failed) {
    const call = r.metrics.ok ? "GetMetricData" : "ListMetrics";
    const denied = isDenied(failed.error.name);
    return {
      ...base,
      status: denied ? "error" : "warning",
      detail: `cloudwatch:${call} ${denied ? "denied" : "failed"} in ${r.region}: ${failed.error.message}`,
      fix: denied ? FIX.cloudwatchDenied(role) : failed.error.fix,
    };
  }
  const run = r.metricsRun;
  if (run?.status !== "failed") return null;
  return {
    ...base,
    status: "error",
    detail: `the last metrics collection in ${r.region} failed (${run.errorName ?? "error"}: ${run.error ?? ""}); last success ${run.lastOkAt ?? "never"}`,
    fix: `${isDenied(run.errorName) ? FIX.cloudwatchDenied(role) : (run.fix ?? "fix the error above")}; then run \`bedrock-spend collect --source metrics\` (it backfills the missing hours)`,
  };
}

function metricsStep(f: AccountFacts, r: RegionFacts): Step {
  const base = { id: "cloudwatch_metrics" as const, region: r.region };
  const access = metricsAccessStep(f, r);
  if (access) return access;
  const count = r.metrics.ok ? r.metrics.count : 0;
  if (count === 0) {
    if (r.spendUsd > 0)
      return {
        ...base,
        status: "error",
        detail: `no AWS/Bedrock metrics in ${r.region} although the CUR bills ${usd(r.spendUsd)} there in the last 30 days`,
        fix: FIX.noMetrics(r.region),
      };
    return {
      ...base,
      status: "missing",
      detail: `no AWS/Bedrock metrics in ${r.region} yet (and no billed spend)`,
      fix: FIX.noMetrics(r.region),
    };
  }
  if (r.metricsCollected && r.metricTokens === 0 && r.spendUsd > 0)
    return {
      ...base,
      status: "warning",
      detail: `${count} AWS/Bedrock metrics exist but the collected metrics show zero tokens for 30 days while the CUR bills ${usd(r.spendUsd)}`,
      fix: FIX.zeroTokens(r.region),
    };
  const seen = new Set(r.metricModels);
  const unseen = r.metricsCollected && r.metricTokens > 0 ? r.billedModels.filter((m) => !seen.has(m)) : [];
  if (unseen.length)
    return {
      ...base,
      status: "warning",
      detail: `partial model data: the CUR bills ${unseen.join(", ")} in ${r.region} but CloudWatch shows no tokens for them`,
      fix: FIX.partialModels(r.region),
    };
  return {
    ...base,
    status: "ok",
    detail: `${count} AWS/Bedrock metrics${r.metricsCollected ? `, ${r.metricTokens.toLocaleString("en-US")} tokens collected in 30 days` : ""}`,
    fix: null,
  };
}

function where(c: { s3?: { bucket: string; prefix: string }; logGroup?: string }): string {
  return [c.s3 ? `s3://${c.s3.bucket}/${c.s3.prefix}` : "", c.logGroup ? `log group ${c.logGroup}` : ""]
    .filter(Boolean)
    .join(" and ");
}

function loggingSteps(f: AccountFacts, r: RegionFacts): Step[] {
  const base = { id: "invocation_logging" as const, region: r.region };
  if (!r.logging.ok)
    return [{ ...base, status: "error", detail: r.logging.error.message, fix: r.logging.error.fix }];
  const c = r.logging.config;
  if (!c)
    return [
      {
        ...base,
        status: "missing",
        detail: `model invocation logging is off in ${r.region}`,
        fix: FIX.loggingOff(r.region),
      },
    ];
  const dest = where(c);
  const steps: Step[] = [];
  if (r.logsRead && !r.logsRead.ok)
    steps.push({
      ...base,
      status: "error",
      detail: `logs enabled (${dest}) but unreadable: ${r.logsRead.error.message}`,
      fix: FIX.logsUnreadable(dest),
    });
  else if (!f.account.invocationLogs)
    steps.push({
      ...base,
      status: "warning",
      detail: `logs enabled (${dest}) and readable, but not in the config`,
      fix: FIX.logsNotConfigured(dest, f.index),
    });
  else steps.push({ ...base, status: "ok", detail: `logs enabled (${dest}) and readable`, fix: null });
  const content = [
    c.text && "text",
    c.image && "image",
    c.embedding && "embedding",
    c.video && "video",
  ].filter(Boolean);
  steps.push(
    content.length
      ? {
          id: "content_logging",
          region: r.region,
          status: "warning",
          detail: `privacy: ${content.join(", ")} delivery is on in ${r.region}, so prompts and responses are written to ${dest} (bedrock-spend reads metadata only)`,
          fix: contentLoggingFix(r.region, c),
        }
      : {
          id: "content_logging",
          region: r.region,
          status: "ok",
          detail: "metadata only: no prompt or response bodies are delivered",
          fix: null,
        },
  );
  return steps;
}

/** Per configured region, plus a warning per billed region the config misses. */
export function regionSteps(f: AccountFacts): Step[] {
  const steps: Step[] = [];
  for (const r of f.regions) steps.push(metricsStep(f, r), ...loggingSteps(f, r));
  for (const u of f.unconfiguredRegions)
    steps.push({
      id: "cloudwatch_metrics",
      region: u.region,
      status: "warning",
      detail: `the CUR bills ${usd(u.costUsd)} of Bedrock in ${u.region} (last 30 days) but ${u.region} is not configured for account ${f.account.id}`,
      fix: FIX.unconfiguredRegion(u.region, f.index),
    });
  return steps;
}

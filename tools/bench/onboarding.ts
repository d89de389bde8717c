import { createAwsAccess } from "../../src/aws/access.js";
import { checkRolePermissions } from "../../src/capabilities/check-role-permissions.js";
import { onboardingStatus } from "../../src/capabilities/onboarding-status.js";
import type { AnyCapability } from "../../src/capabilities/types.js";
import { parseConfig } from "../../src/config.js";
import { startSandbox } from "../../src/sandbox/server.js";
import { openDb } from "../../src/store/db.js";
import { DEMO_ACCOUNTS } from "../../src/synthetic/org.js";
import { silentLogger } from "../../src/util/log.js";
import type { Bench, BenchResult } from "./types.js";

const RUNS = 5;

/**
 * check_role_permissions and onboarding_status (what `doctor` runs) over the sandbox org: 3
 * accounts, 5 account-regions, one account that must fall back to probes. Median wall time of
 * RUNS fresh runs (new credentials each time) and the AWS calls one run makes.
 */
export const onboardingBench: Bench = {
  name: "onboarding",
  async run(): Promise<BenchResult[]> {
    const now = new Date("2026-11-26T12:00:00Z");
    const sb = await startSandbox({ now, logHours: 1 });
    const db = await openDb(":memory:");
    const accounts = DEMO_ACCOUNTS.map((a) => ({
      id: a.id,
      name: a.name,
      roleArn: `arn:aws:iam::${a.id}:role/${a.roleName}`,
      externalId: a.externalId,
      regions: a.regions,
    }));
    const out: BenchResult[] = [];
    const caps: [AnyCapability, number][] = [
      [checkRolePermissions, 2000],
      [onboardingStatus, 5000],
    ];
    for (const [cap, targetMs] of caps) {
      const times: number[] = [];
      let calls = 0;
      for (let i = 0; i < RUNS; i++) {
        const aws = createAwsAccess({ env: sb.env, log: silentLogger });
        sb.clearCallLog();
        const t = performance.now();
        await cap.run({ db, config: parseConfig({ accounts }), now: () => now, log: silentLogger, aws }, {});
        times.push(performance.now() - t);
        calls = sb.callLog().length;
        aws.close();
      }
      const median = times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
      out.push(
        {
          bench: "onboarding",
          metric: `${cap.name}, 3 accounts (median of ${RUNS})`,
          value: median,
          unit: "ms",
          target: `< ${targetMs}`,
          pass: median < targetMs,
        },
        { bench: "onboarding", metric: `${cap.name}, AWS calls per run`, value: calls, unit: "calls" },
      );
    }
    await db.destroy();
    await sb.close();
    return out;
  },
};

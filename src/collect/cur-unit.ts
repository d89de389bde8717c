import type { AwsAccess } from "../aws/access.js";
import type { Clock } from "../clock.js";
import type { AccountConfig } from "../config.js";
import { AppError } from "../errors.js";
import type { Db } from "../store/db.js";
import type { Logger } from "../util/log.js";
import type { Progress } from "../util/progress.js";
import { ingestCur } from "./cur/ingest.js";
import type { UnitResult } from "./types.js";

/**
 * The CUR unit of `collect`: config cur.source through ingestCur, which skips periods whose files
 * did not change. S3 is read with the cur.account role (or the base identity) from src/aws.
 */
export function curIngester(deps: { db: Db; log: Logger; now: Clock; aws: AwsAccess }) {
  return async (source: string, account: AccountConfig | null, progress?: Progress): Promise<UnitResult> => {
    const s3 = source.startsWith("s3://") ? deps.aws.clients(account).s3 : undefined;
    const s = await ingestCur(deps, source, { s3, progress });
    if (s.failed > 0) {
      const bad = s.periods.filter((p) => p.status === "failed");
      throw new AppError(
        `CUR ${source}: ${bad.length} billing period(s) failed: ${bad.map((p) => `${p.period} (${p.error})`).join("; ")}`,
        "the other periods were ingested; fix or re-deliver the failed period and run collect again",
      );
    }
    return { items: s.bedrockRows, apiCalls: 0, metricsRequested: 0 };
  };
}

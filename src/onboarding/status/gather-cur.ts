import type { AwsAccess } from "../../aws/access.js";
import { describeAwsError } from "../../aws/errors.js";
import { formatOf } from "../../collect/cur/layout.js";
import { s3Source } from "../../collect/cur/s3-source.js";
import { localSource } from "../../collect/cur/source.js";
import type { AccountConfig, Config } from "../../config.js";
import type { CurFacts } from "./types.js";

/** Lists the export (S3 or a local folder): how many data files, and when it last refreshed. */
export async function curListing(
  aws: AwsAccess,
  config: Config,
  reader: AccountConfig | null,
): Promise<CurFacts["listing"]> {
  const source = config.cur?.source;
  if (!source) return null;
  try {
    // Signed for the reader's home region; a bucket elsewhere answers with a redirect error, reported as is.
    const src = source.startsWith("s3://") ? s3Source(source, aws.clients(reader).s3) : localSource(source);
    const files = (await src.list()).filter(
      (f) => f.key.startsWith("data/") && formatOf(f.key) && f.size > 0,
    );
    const newestAt =
      files
        .map((f) => f.mtime)
        .sort()
        .at(-1) ?? null;
    return { ok: true, dataFiles: files.length, newestAt };
  } catch (err) {
    // s3Source wraps the SDK error; its cause carries the AWS error name.
    const cause = (err as { cause?: unknown }).cause ?? err;
    const d = describeAwsError(cause, {
      action: "s3:ListObjectsV2",
      account: reader?.id,
      roleArn: reader?.roleArn,
    });
    return { ok: false, error: { ...d, message: (err as Error).message } };
  }
}

import { GetObjectCommand } from "@aws-sdk/client-s3";
import type { AwsAccess } from "../../aws/access.js";
import { describeAwsError } from "../../aws/errors.js";
import { formatOf } from "../../collect/cur/layout.js";
import { parseS3Uri, s3Source } from "../../collect/cur/s3-source.js";
import { localSource } from "../../collect/cur/source.js";
import type { AccountConfig, Config } from "../../config.js";
import type { CurFacts } from "./types.js";

/**
 * Lists the export (S3 or a local folder): how many data files, and when it last refreshed. Then
 * reads from the newest data file with GetObject, as ingestion does: listing alone does not prove
 * the role may read the objects (s3:GetObject, kms:Decrypt on an SSE-KMS bucket).
 */
export async function curListing(
  aws: AwsAccess,
  config: Config,
  reader: AccountConfig | null,
): Promise<CurFacts["listing"]> {
  const source = config.cur?.source;
  if (!source) return null;
  let action = "s3:ListObjectsV2";
  try {
    // Signed for the reader's home region; a bucket elsewhere answers with a redirect error, reported as is.
    const s3 = source.startsWith("s3://") ? aws.clients(reader).s3 : null;
    const src = s3 ? s3Source(source, s3) : localSource(source);
    const files = (await src.list()).filter(
      (f) => f.key.startsWith("data/") && formatOf(f.key) && f.size > 0,
    );
    const newest = [...files].sort((a, b) => a.mtime.localeCompare(b.mtime)).at(-1);
    action = "s3:GetObject";
    if (s3 && newest) {
      // One byte of the newest data file: authorization (and any KMS decrypt) as for the whole file.
      const { bucket, prefix } = parseS3Uri(source);
      const Key = `${prefix ? `${prefix}/` : ""}${newest.key}`;
      await s3.send(new GetObjectCommand({ Bucket: bucket, Key, Range: "bytes=0-0" }));
    }
    return { ok: true, dataFiles: files.length, newestAt: newest?.mtime ?? null };
  } catch (err) {
    // s3Source wraps the SDK error; its cause carries the AWS error name.
    const cause = (err as { cause?: unknown }).cause ?? err;
    const d = describeAwsError(cause, {
      action,
      account: reader?.id,
      roleArn: reader?.roleArn,
    });
    return { ok: false, error: { ...d, message: (err as Error).message } };
  }
}

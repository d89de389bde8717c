import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { GetObjectCommand, paginateListObjectsV2, type S3Client } from "@aws-sdk/client-s3";
import { AppError } from "../../errors.js";
import { type CurFile, type CurSource, downloadDir } from "./source.js";

export function parseS3Uri(uri: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!m) throw new AppError(`"${uri}" is not an S3 URI`, "write it as s3://bucket/prefix/export-name");
  return { bucket: m[1], prefix: m[2].replace(/\/+$/, "") };
}

function s3Error(err: unknown, what: string): AppError {
  const name = (err as { name?: string }).name ?? "Error";
  const hint =
    name === "AccessDenied" || name === "Forbidden"
      ? "the role needs s3:ListBucket and s3:GetObject on the export bucket/prefix"
      : name === "NoSuchBucket"
        ? "check the bucket name in cur.source"
        : undefined;
  return new AppError(`${what}: ${name}: ${(err as Error).message}`, hint, { cause: err });
}

/**
 * An export under `s3://bucket/prefix`. Objects are streamed to a temp folder (never held whole in
 * memory) and read locally by DuckDB.
 */
export function s3Source(uri: string, client: S3Client): CurSource {
  const { bucket, prefix } = parseS3Uri(uri);
  const base = prefix ? `${prefix}/` : "";
  let tmp: ReturnType<typeof downloadDir> | undefined;
  return {
    location: uri,
    async list() {
      const out: CurFile[] = [];
      try {
        for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket, Prefix: base })) {
          for (const o of page.Contents ?? []) {
            if (!o.Key || o.Key.endsWith("/")) continue;
            out.push({
              key: o.Key.slice(base.length),
              size: o.Size ?? 0,
              etag: o.ETag,
              mtime: (o.LastModified ?? new Date(0)).toISOString(),
            });
          }
        }
      } catch (err) {
        throw s3Error(err, `listing s3://${bucket}/${base}`);
      }
      return out;
    },
    async readText(key) {
      try {
        const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: base + key }));
        return (await got.Body?.transformToString("utf8")) ?? "";
      } catch (err) {
        throw s3Error(err, `reading s3://${bucket}/${base}${key}`);
      }
    },
    async localPath(file) {
      tmp ??= downloadDir();
      const path = join(tmp.dir, ...file.key.split("/"));
      await mkdir(dirname(path), { recursive: true });
      try {
        const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: base + file.key }));
        await pipeline(got.Body as Readable, createWriteStream(path));
      } catch (err) {
        throw s3Error(err, `downloading s3://${bucket}/${base}${file.key}`);
      }
      return path;
    },
    async release() {
      tmp?.remove();
      tmp = undefined;
    },
  };
}

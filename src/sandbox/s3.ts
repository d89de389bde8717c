import { open } from "node:fs/promises";
import { FolderBuckets } from "./s3-store.js";
import { errorXml, listBucketsXml, listObjectsV2Xml } from "./s3-xml.js";
import type { SandboxRequest, SandboxResponse, ServiceHandler } from "./types.js";

/**
 * A local folder served as S3 buckets, path-style (`/<bucket>/<key>`), in the real REST-XML wire
 * format: ListBuckets, HeadBucket, ListObjectsV2, GetObject (with Range) and HeadObject. Read-only.
 */
export function createS3Handler(opts: { root: string }): ServiceHandler {
  const store = new FolderBuckets(opts.root);
  return {
    service: "s3",
    async handle(req) {
      const [bucket, ...rest] = req.path.replace(/^\/+/, "").split("/");
      const key = rest.join("/");
      const method = req.method.toUpperCase();
      if (!bucket)
        return method === "GET" ? xml(200, listBucketsXml(await store.buckets())) : notImplemented(req);
      if (!(await store.bucketExists(bucket))) {
        if (method === "HEAD") return { status: 404 };
        return xml(
          404,
          errorXml("NoSuchBucket", "The specified bucket does not exist", { BucketName: bucket }),
        );
      }
      if (!key) {
        if (method === "HEAD") return { status: 200, headers: { "x-amz-bucket-region": req.region } };
        if (method === "GET" && req.query.get("list-type") === "2")
          return listObjects(store, bucket, req.query);
        return notImplemented(req);
      }
      if (method === "GET" || method === "HEAD") return getObject(store, bucket, key, req);
      return notImplemented(req);
    },
  };
}

function xml(status: number, body: string): SandboxResponse {
  return { status, headers: { "content-type": "application/xml" }, body };
}

function notImplemented(req: SandboxRequest): SandboxResponse {
  return xml(501, errorXml("NotImplemented", `the S3 sandbox does not implement ${req.method} ${req.path}`));
}

async function listObjects(
  store: FolderBuckets,
  bucket: string,
  q: URLSearchParams,
): Promise<SandboxResponse> {
  const prefix = q.get("prefix") ?? "";
  const delimiter = q.get("delimiter") || undefined;
  const maxKeys = Math.min(Math.max(Number(q.get("max-keys") ?? 1000) || 0, 0), 1000);
  const token = q.get("continuation-token") ?? undefined;
  const startAfter = q.get("start-after") ?? undefined;
  let after = startAfter ?? "";
  if (token) {
    after = Buffer.from(token, "base64url").toString("utf8");
    if (!after) return xml(400, errorXml("InvalidArgument", "The continuation token provided is incorrect"));
  }
  // Keys and common prefixes in one sorted stream; each counts once toward max-keys.
  const entries: { key: string; prefix?: string }[] = [];
  const seen = new Set<string>();
  for (const key of await store.keys(bucket, prefix)) {
    const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    const p = cut >= 0 ? key.slice(0, cut + delimiter!.length) : undefined;
    const sortKey = p ?? key;
    if (sortKey <= after || (p && seen.has(p))) continue;
    if (p) seen.add(p);
    entries.push({ key, prefix: p });
  }
  const page = entries.slice(0, maxKeys);
  const isTruncated = entries.length > page.length;
  const last = page.at(-1);
  const contents = [];
  for (const e of page.filter((x) => !x.prefix)) {
    const s = (await store.stat(bucket, e.key))!;
    contents.push({
      key: e.key,
      size: s.size,
      etag: await store.etag(bucket, e.key, s),
      lastModified: s.mtime,
    });
  }
  const body = listObjectsV2Xml({
    bucket,
    prefix,
    delimiter,
    maxKeys,
    startAfter,
    continuationToken: token,
    nextContinuationToken:
      isTruncated && last ? Buffer.from(last.prefix ?? last.key, "utf8").toString("base64url") : undefined,
    isTruncated,
    contents,
    commonPrefixes: page.filter((x) => x.prefix).map((x) => x.prefix!),
    urlEncode: q.get("encoding-type") === "url",
  });
  return xml(200, body);
}

async function getObject(
  store: FolderBuckets,
  bucket: string,
  key: string,
  req: SandboxRequest,
): Promise<SandboxResponse> {
  const s = await store.stat(bucket, key);
  if (!s) {
    if (req.method.toUpperCase() === "HEAD") return { status: 404 };
    return xml(404, errorXml("NoSuchKey", "The specified key does not exist.", { Key: key }));
  }
  const headers: Record<string, string> = {
    etag: await store.etag(bucket, key, s),
    "last-modified": s.mtime.toUTCString(),
    "content-type": "application/octet-stream",
    "accept-ranges": "bytes",
  };
  const range = parseRange(req.headers.range, s.size);
  if (range === "invalid") {
    return xml(
      416,
      errorXml("InvalidRange", "The requested range is not satisfiable", {
        RangeRequested: String(req.headers.range),
      }),
    );
  }
  const [start, end] = range ?? [0, s.size - 1];
  const length = Math.max(end - start + 1, 0);
  headers["content-length"] = String(length);
  if (range) headers["content-range"] = `bytes ${start}-${end}/${s.size}`;
  const status = range ? 206 : 200;
  if (req.method.toUpperCase() === "HEAD") return { status, headers };
  const body = Buffer.alloc(length);
  const fh = await open(store.filePath(bucket, key)!, "r");
  try {
    if (length > 0) await fh.read(body, 0, length, start);
  } finally {
    await fh.close();
  }
  return { status, headers, body };
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` (one range only, like S3). */
function parseRange(
  header: string | string[] | undefined,
  size: number,
): [number, number] | null | "invalid" {
  if (typeof header !== "string") return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (!m[1] && !m[2])) return null;
  let start: number;
  let end: number;
  if (!m[1]) {
    start = Math.max(size - Number(m[2]), 0);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
  }
  if (start >= size || start > end) return "invalid";
  return [start, end];
}

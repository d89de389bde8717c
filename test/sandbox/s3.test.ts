import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  paginateListObjectsV2,
  S3Client,
  type S3ServiceException,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createS3Handler } from "../../src/sandbox/s3.js";
import { tempDir } from "../helpers/db.js";
import { startSandboxServer } from "../helpers/s3-server.js";

let server: Awaited<ReturnType<typeof startSandboxServer>>;
let s3: S3Client;
const root = tempDir();
const files: Record<string, string> = {
  "cur/export/data/BILLING_PERIOD=2026-10/export-00001.csv.gz": "a".repeat(100),
  "cur/export/data/BILLING_PERIOD=2026-11/export-00001.csv.gz": "hello world",
  "cur/export/data/BILLING_PERIOD=2026-11/export-00002.csv.gz": "",
  "cur/export/metadata/BILLING_PERIOD=2026-11/export-Manifest.json": "{}",
  "odd key/with spaces & ü+plus.txt": "odd",
};
for (let i = 0; i < 7; i++) files[`many/k${i}.txt`] = `v${i}`;

beforeAll(async () => {
  for (const [key, body] of Object.entries(files)) {
    const path = join(root, "bucket-a", ...key.split("/"));
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, body);
  }
  mkdirSync(join(root, "empty-bucket"));
  server = await startSandboxServer([createS3Handler({ root })]);
  s3 = new S3Client({
    endpoint: server.url,
    region: "eu-west-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "AKIDSANDBOX", secretAccessKey: "sandbox-secret" },
  });
});
afterAll(async () => {
  s3.destroy();
  await server.close();
});

describe("S3 handler over the real SDK", () => {
  it("lists buckets and heads them", async () => {
    const out = await s3.send(new ListBucketsCommand({}));
    expect(out.Buckets?.map((b) => b.Name)).toEqual(["bucket-a", "empty-bucket"]);
    await expect(s3.send(new HeadBucketCommand({ Bucket: "bucket-a" }))).resolves.toBeDefined();
    expect(server.requests.at(-1)).toMatchObject({
      service: "s3",
      region: "eu-west-1",
      accessKeyId: "AKIDSANDBOX",
    });
  });

  it("lists with prefix and delimiter into CommonPrefixes", async () => {
    const out = await s3.send(
      new ListObjectsV2Command({ Bucket: "bucket-a", Prefix: "cur/export/data/", Delimiter: "/" }),
    );
    expect(out.CommonPrefixes?.map((p) => p.Prefix)).toEqual([
      "cur/export/data/BILLING_PERIOD=2026-10/",
      "cur/export/data/BILLING_PERIOD=2026-11/",
    ]);
    expect(out.Contents ?? []).toEqual([]);
    expect(out.KeyCount).toBe(2);
    const leaf = await s3.send(
      new ListObjectsV2Command({ Bucket: "bucket-a", Prefix: "cur/export/data/BILLING_PERIOD=2026-11/" }),
    );
    expect(leaf.Contents?.map((c) => [c.Key, c.Size])).toEqual([
      ["cur/export/data/BILLING_PERIOD=2026-11/export-00001.csv.gz", 11],
      ["cur/export/data/BILLING_PERIOD=2026-11/export-00002.csv.gz", 0],
    ]);
    const md5 = createHash("md5").update("hello world").digest("hex");
    expect(leaf.Contents?.[0].ETag).toBe(`"${md5}"`);
    expect(leaf.Contents?.[0].LastModified).toBeInstanceOf(Date);
  });

  it("paginates with max-keys and continuation tokens without losing or repeating keys", async () => {
    const keys: string[] = [];
    let pages = 0;
    for await (const page of paginateListObjectsV2(
      { client: s3, pageSize: 3 },
      { Bucket: "bucket-a", Prefix: "many/" },
    )) {
      pages++;
      keys.push(...(page.Contents ?? []).map((c) => c.Key!));
    }
    expect(pages).toBe(3);
    expect(keys).toEqual(
      Object.keys(files)
        .filter((k) => k.startsWith("many/"))
        .sort(),
    );
  });

  it("gets objects with ETag, length, Last-Modified, ranges and odd keys", async () => {
    const got = await s3.send(
      new GetObjectCommand({
        Bucket: "bucket-a",
        Key: "cur/export/data/BILLING_PERIOD=2026-11/export-00001.csv.gz",
      }),
    );
    expect(await got.Body?.transformToString()).toBe("hello world");
    expect(got.ContentLength).toBe(11);
    expect(got.ETag).toBe(`"${createHash("md5").update("hello world").digest("hex")}"`);
    expect(got.LastModified).toBeInstanceOf(Date);
    const part = await s3.send(
      new GetObjectCommand({
        Bucket: "bucket-a",
        Key: "cur/export/data/BILLING_PERIOD=2026-11/export-00001.csv.gz",
        Range: "bytes=6-",
      }),
    );
    expect(await part.Body?.transformToString()).toBe("world");
    expect(part.ContentRange).toBe("bytes 6-10/11");
    const odd = await s3.send(
      new GetObjectCommand({ Bucket: "bucket-a", Key: "odd key/with spaces & ü+plus.txt" }),
    );
    expect(await odd.Body?.transformToString()).toBe("odd");
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: "bucket-a", Prefix: "odd key/" }));
    expect(listed.Contents?.[0].Key).toBe("odd key/with spaces & ü+plus.txt");
  });

  it("heads objects and reports NoSuchKey / NoSuchBucket / NotFound as S3 errors", async () => {
    const head = await s3.send(new HeadObjectCommand({ Bucket: "bucket-a", Key: "many/k1.txt" }));
    expect(head.ContentLength).toBe(2);
    const err = async (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: S3ServiceException) => e,
      );
    const noKey = await err(s3.send(new GetObjectCommand({ Bucket: "bucket-a", Key: "missing.txt" })));
    expect(noKey?.name).toBe("NoSuchKey");
    expect(noKey?.$metadata.httpStatusCode).toBe(404);
    const noBucket = await err(s3.send(new ListObjectsV2Command({ Bucket: "no-such-bucket" })));
    expect(noBucket?.name).toBe("NoSuchBucket");
    const headMissing = await err(s3.send(new HeadObjectCommand({ Bucket: "bucket-a", Key: "missing.txt" })));
    expect(headMissing?.name).toBe("NotFound");
    const outside = await err(
      s3.send(new GetObjectCommand({ Bucket: "bucket-a", Key: "../empty-bucket/x" })),
    );
    expect(outside?.$metadata.httpStatusCode).toBe(404);
  });
});

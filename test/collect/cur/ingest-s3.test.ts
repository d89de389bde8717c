import { S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAwsAccess } from "../../../src/aws/access.js";
import { ingestCur } from "../../../src/collect/cur/ingest.js";
import { createS3Handler } from "../../../src/sandbox/s3.js";
import { type CurGeneratorResult, generateCurExport } from "../../../src/synthetic/cur-generator.js";
import { silentLogger } from "../../../src/util/log.js";
import { memoryDb, tempDir } from "../../helpers/db.js";
import { startSandboxServer } from "../../helpers/s3-server.js";
import { deps, NOW, periodProblems } from "./ingest-helpers.js";

let server: Awaited<ReturnType<typeof startSandboxServer>>;
let gen: CurGeneratorResult;
const root = tempDir();

beforeAll(async () => {
  // root/<bucket>/<prefix>/<export>: the S3 handler serves root's folders as buckets.
  gen = await generateCurExport({
    root: `${root}/cur-bucket/exports`,
    now: NOW,
    months: 2,
    daysPerPeriod: 2,
    rowsPerChunk: 1500,
    layout: "CREATE_NEW_REPORT",
    executions: 2,
    s3Base: "s3://cur-bucket/exports",
  });
  server = await startSandboxServer([createS3Handler({ root })]);
});
afterAll(() => server.close());

describe("ingestCur from s3:// through the real S3 client", () => {
  it("lists, downloads and ingests the export with the same totals as the local folder", async () => {
    const s3 = new S3Client({
      endpoint: server.url,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "AKIDCURTEST", secretAccessKey: "not-a-secret" },
    });
    const db = await memoryDb();
    const s = await ingestCur(deps(db), `s3://cur-bucket/exports/${gen.exportName}`, { s3 });
    expect(s.failed).toBe(0);
    expect(s.periods.map((p) => p.status)).toEqual(["ok", "ok"]);
    for (const t of Object.values(gen.truth.periods)) expect(await periodProblems(db, t)).toEqual([]);
    const log = await db
      .selectFrom("ingest_log")
      .select("files")
      .where("period", "=", "2026-11")
      .executeTakeFirstOrThrow();
    const files = JSON.parse(log.files) as { path: string; etag?: string }[];
    expect(files.every((f) => /^"[0-9a-f]{32}"$/.test(f.etag ?? ""))).toBe(true);
    expect(server.requests.some((r) => r.method === "GET" && r.path.endsWith(".snappy.parquet"))).toBe(true);
    // Same objects, same ETags: the second run downloads no data file.
    const downloads = server.requests.length;
    const again = await ingestCur(deps(db), `s3://cur-bucket/exports/${gen.exportName}`, { s3 });
    expect(again.unchanged).toBe(2);
    const newReqs = server.requests.slice(downloads);
    expect(newReqs.some((r) => r.path.endsWith(".parquet"))).toBe(false);
    s3.destroy();
  });

  it("reads through the src/aws client built from AWS_ENDPOINT_URL and reports a missing bucket by name", async () => {
    const env = {
      AWS_ENDPOINT_URL: server.url,
      AWS_REGION: "eu-west-1",
      AWS_ACCESS_KEY_ID: "AKIDENV",
      AWS_SECRET_ACCESS_KEY: "env-secret",
    };
    const aws = createAwsAccess({ env, log: silentLogger });
    try {
      const s3 = aws.clients(null).s3;
      expect(await s3.config.region()).toBe("eu-west-1");
      expect(s3.config.forcePathStyle).toBe(true);
      const db = await memoryDb();
      const s = await ingestCur(deps(db), `s3://cur-bucket/exports/${gen.exportName}`, { s3 });
      expect(s.ok).toBe(2);
      expect(server.requests.at(-1)).toMatchObject({ accessKeyId: "AKIDENV", region: "eu-west-1" });
      await expect(ingestCur(deps(db), "s3://no-such-bucket/x", { s3 })).rejects.toThrow(/NoSuchBucket/);
    } finally {
      aws.close();
    }
  });

  it("refuses an s3:// source without a client from src/aws instead of building its own", async () => {
    await expect(ingestCur(deps(await memoryDb()), "s3://cur-bucket/x")).rejects.toThrow(
      /needs an S3 client built by src\/aws/,
    );
  });
});

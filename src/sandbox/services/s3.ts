import { toXml } from "../protocols/xml.js";
import { createS3Handler } from "../s3.js";
import type { SandboxRequest } from "../types.js";
import type { SandboxService } from "./service.js";

/** The S3 REST operation a request is (path-style addressing: `/<bucket>/<key>`). */
export function s3Action(req: SandboxRequest): string {
  const [bucket, ...rest] = req.path.replace(/^\/+/, "").split("/");
  const key = rest.join("/");
  const m = req.method.toUpperCase();
  if (!bucket) return m === "GET" ? "ListBuckets" : `${m}Service`;
  if (!key) {
    if (m === "HEAD") return "HeadBucket";
    if (m === "GET" && req.query.has("location")) return "GetBucketLocation";
    if (m === "GET" && req.query.get("list-type") === "2") return "ListObjectsV2";
    if (m === "GET") return "ListObjects";
    if (m === "PUT") return "CreateBucket";
    if (m === "DELETE") return "DeleteBucket";
    return `${m}Bucket`;
  }
  if (m === "GET") return "GetObject";
  if (m === "HEAD") return "HeadObject";
  if (m === "PUT") return req.headers["x-amz-copy-source"] ? "CopyObject" : "PutObject";
  if (m === "DELETE") return "DeleteObject";
  return `${m}Object`;
}

/** The ingest engineer's folder-backed S3 handler, plus GetBucketLocation. */
export function createS3Service(root: string): SandboxService {
  const inner = createS3Handler({ root });
  return {
    service: "s3",
    actionOf: s3Action,
    async handle(req) {
      if (s3Action(req) === "GetBucketLocation") {
        const probe = await inner.handle({ ...req, method: "HEAD", query: new URLSearchParams() });
        if (probe.status !== 200)
          return inner.handle({ ...req, query: new URLSearchParams("list-type=2&max-keys=0") });
        // us-east-1 is reported as an empty LocationConstraint (a historical S3 quirk).
        const region = req.region === "us-east-1" ? "" : req.region;
        return {
          status: 200,
          headers: { "content-type": "application/xml" },
          body: `<?xml version="1.0" encoding="UTF-8"?><LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${toXml(region)}</LocationConstraint>`,
        };
      }
      return inner.handle(req);
    },
  };
}

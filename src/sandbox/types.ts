import type { IncomingHttpHeaders } from "node:http";

/**
 * The local AWS-compatible sandbox routes each request by the SigV4 credential scope's service
 * name (`Credential=AKID/20261126/us-east-1/<service>/aws4_request`): one endpoint
 * (`AWS_ENDPOINT_URL=http://127.0.0.1:PORT`) serves every service, as the SDK expects.
 */
export interface SandboxRequest {
  method: string;
  /** Decoded path without the query string, e.g. `/my-bucket/cur/data/x.parquet`. */
  path: string;
  /** The path exactly as sent (still percent-encoded): restJson labels may contain `%2F`. */
  rawPath?: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Signing service name: `s3`, `sts`, `monitoring`, `bedrock`, `logs`, `iam`, `pricing`. */
  service: string;
  region: string;
  accessKeyId: string;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

export interface ServiceHandler {
  /** Signing service name this handler answers for. */
  service: string;
  handle(req: SandboxRequest): Promise<SandboxResponse>;
}

import { S3Client } from "@aws-sdk/client-s3";

/**
 * The S3 client for reading an export: default credential chain and region, and the SDK's own
 * `AWS_ENDPOINT_URL[_S3]` handling (never a hard-coded endpoint). Path-style addressing is forced
 * only for IP/localhost endpoints, where virtual-host bucket names cannot resolve.
 */
export function curS3Client(env: NodeJS.ProcessEnv): S3Client {
  const endpoint = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  let host = "";
  try {
    host = endpoint ? new URL(endpoint).hostname : "";
  } catch {
    host = "";
  }
  const ipLike = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:]+\]|localhost)$/i.test(host);
  return new S3Client({
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1",
    ...(endpoint ? { endpoint } : {}),
    ...(ipLike ? { forcePathStyle: true } : {}),
  });
}

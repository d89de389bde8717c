/** S3 REST-XML bodies (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html). */

const NS = "http://s3.amazonaws.com/doc/2006-03-01/";

export function xmlEscape(s: string): string {
  return s.replace(
    /[<>&'"]/g,
    (c) => `&${{ "<": "lt", ">": "gt", "&": "amp", "'": "apos", '"': "quot" }[c]};`,
  );
}

function el(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? "" : `<${name}>${xmlEscape(String(value))}</${name}>`;
}

export interface ListedObject {
  key: string;
  size: number;
  etag: string;
  lastModified: Date;
}

export interface ListResult {
  bucket: string;
  prefix: string;
  delimiter?: string;
  maxKeys: number;
  startAfter?: string;
  continuationToken?: string;
  nextContinuationToken?: string;
  isTruncated: boolean;
  contents: ListedObject[];
  commonPrefixes: string[];
  /** `encoding-type=url`: keys and prefixes are URL-encoded and the SDK decodes them. */
  urlEncode: boolean;
}

export function listObjectsV2Xml(r: ListResult): string {
  const enc = (s: string) => (r.urlEncode ? encodeURIComponent(s).replace(/%2F/g, "/") : s);
  const contents = r.contents
    .map(
      (o) =>
        `<Contents>${el("Key", enc(o.key))}${el("LastModified", o.lastModified.toISOString())}` +
        `${el("ETag", o.etag)}${el("Size", o.size)}${el("StorageClass", "STANDARD")}</Contents>`,
    )
    .join("");
  const prefixes = r.commonPrefixes
    .map((p) => `<CommonPrefixes>${el("Prefix", enc(p))}</CommonPrefixes>`)
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="${NS}">` +
    `${el("Name", r.bucket)}${el("Prefix", enc(r.prefix))}` +
    `${el("Delimiter", r.delimiter === undefined ? undefined : enc(r.delimiter))}` +
    `${el("StartAfter", r.startAfter === undefined ? undefined : enc(r.startAfter))}` +
    `${el("MaxKeys", r.maxKeys)}${el("KeyCount", r.contents.length + r.commonPrefixes.length)}` +
    `${el("EncodingType", r.urlEncode ? "url" : undefined)}${el("IsTruncated", r.isTruncated)}` +
    `${el("ContinuationToken", r.continuationToken)}${el("NextContinuationToken", r.nextContinuationToken)}` +
    `${contents}${prefixes}</ListBucketResult>`
  );
}

export function listBucketsXml(buckets: { name: string; created: Date }[]): string {
  const items = buckets
    .map((b) => `<Bucket>${el("Name", b.name)}${el("CreationDate", b.created.toISOString())}</Bucket>`)
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ListAllMyBucketsResult xmlns="${NS}">` +
    `<Owner><ID>sandbox</ID><DisplayName>sandbox</DisplayName></Owner><Buckets>${items}</Buckets>` +
    `</ListAllMyBucketsResult>`
  );
}

export function errorXml(code: string, message: string, extra: Record<string, string> = {}): string {
  const fields = Object.entries(extra)
    .map(([k, v]) => el(k, v))
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${el("Code", code)}${el("Message", message)}${fields}<RequestId>sandbox</RequestId></Error>`;
}

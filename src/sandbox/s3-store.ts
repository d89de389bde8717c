import { createHash } from "node:crypto";
import { createReadStream, type Stats } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join, resolve, sep } from "node:path";

/**
 * A local folder seen as S3: `root/<bucket>/<key>`. Keys use `/` whatever the OS separator is.
 * Paths that would escape the bucket folder (`..`) are rejected.
 */
export class FolderBuckets {
  /** md5 per file, keyed by path + size + mtime: a 2 GB export is hashed once, not per request. */
  private readonly etags = new Map<string, string>();

  constructor(readonly root: string) {}

  bucketDir(bucket: string): string | null {
    if (!bucket || bucket === "." || bucket === ".." || bucket.includes("/")) return null;
    return join(this.root, bucket);
  }

  filePath(bucket: string, key: string): string | null {
    const dir = this.bucketDir(bucket);
    if (!dir || !key) return null;
    const full = resolve(dir, ...key.split("/"));
    return full.startsWith(resolve(dir) + sep) ? full : null;
  }

  async bucketExists(bucket: string): Promise<boolean> {
    const dir = this.bucketDir(bucket);
    return dir ? isDir(dir) : false;
  }

  async buckets(): Promise<{ name: string; created: Date }[]> {
    const entries = await readdir(this.root, { withFileTypes: true }).catch(() => []);
    const out: { name: string; created: Date }[] = [];
    for (const e of entries.filter((x) => x.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      out.push({ name: e.name, created: (await stat(join(this.root, e.name))).birthtime });
    }
    return out;
  }

  /** Every key of the bucket under `prefix`, sorted in S3's (UTF-8 binary) order. */
  async keys(bucket: string, prefix: string): Promise<string[]> {
    const dir = this.bucketDir(bucket);
    if (!dir) return [];
    const out: string[] = [];
    const walk = async (abs: string, rel: string): Promise<void> => {
      const entries = await readdir(abs, { withFileTypes: true }).catch(() => []);
      for (const e of entries) {
        const key = rel ? `${rel}/${e.name}` : e.name;
        // Only descend where the prefix can still match.
        if (
          e.isDirectory() &&
          (prefix.startsWith(`${key}/`) || key.startsWith(prefix) || `${key}/`.startsWith(prefix))
        )
          await walk(join(abs, e.name), key);
        else if (e.isFile() && key.startsWith(prefix)) out.push(key);
      }
    };
    await walk(dir, "");
    return out.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  }

  async stat(bucket: string, key: string): Promise<Stats | null> {
    const path = this.filePath(bucket, key);
    if (!path) return null;
    const s = await stat(path).catch(() => null);
    return s?.isFile() ? s : null;
  }

  /** Quoted md5 hex of the content, like S3's ETag for single-part uploads. */
  async etag(bucket: string, key: string, s: Stats): Promise<string> {
    const path = this.filePath(bucket, key)!;
    const cacheKey = `${path}\0${s.size}\0${s.mtimeMs}`;
    const hit = this.etags.get(cacheKey);
    if (hit) return hit;
    const hash = createHash("md5");
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    const etag = `"${hash.digest("hex")}"`;
    this.etags.set(cacheKey, etag);
    return etag;
  }
}

async function isDir(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}

import { mkdtempSync, rmSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import { AppError } from "../../errors.js";

/** One object of an export, keyed relative to the export folder (`data/BILLING_PERIOD=…/x.parquet`). */
export interface CurFile {
  key: string;
  size: number;
  /** Quoted md5 from S3; absent for local files. */
  etag?: string;
  /** ISO instant of the last write (S3 LastModified or file mtime). */
  mtime: string;
}

/** Where an export lives: a local folder or an S3 prefix. Files are read locally either way. */
export interface CurSource {
  /** The source as the user wrote it (logged and stored). */
  readonly location: string;
  list(): Promise<CurFile[]>;
  readText(key: string): Promise<string>;
  /** A local path for the file (S3 objects are streamed into a temp folder first). */
  localPath(file: CurFile): Promise<string>;
  /** Removes downloaded files. */
  release(): Promise<void>;
}

export function localSource(folder: string): CurSource {
  const root = resolve(folder);
  return {
    location: folder,
    async list() {
      const info = await stat(root).catch(() => null);
      if (!info?.isDirectory())
        throw new AppError(
          `CUR source ${folder} is not a folder`,
          "pass the export folder that holds data/ and metadata/ (or s3://bucket/prefix)",
        );
      const out: CurFile[] = [];
      const walk = async (dir: string): Promise<void> => {
        for (const e of await readdir(dir, { withFileTypes: true })) {
          const abs = join(dir, e.name);
          if (e.isDirectory()) await walk(abs);
          else if (e.isFile()) {
            const s = await stat(abs);
            out.push({
              key: relative(root, abs).split(sep).join("/"),
              size: s.size,
              mtime: s.mtime.toISOString(),
            });
          }
        }
      };
      await walk(root);
      return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
    readText: (key) => readFile(join(root, ...key.split("/")), "utf8"),
    localPath: async (file) => join(root, ...file.key.split("/")),
    release: async () => {},
  };
}

/** A private temp folder for downloads, removed by `release`. */
export function downloadDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "bedrock-spend-cur-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

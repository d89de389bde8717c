import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import pg from "pg";

/**
 * The PostgreSQL server the benches compare SQLite with, in the same run: BENCH_PG (a server URL
 * whose role may create databases), else a throwaway cluster started here from the server binaries
 * `pg_config --bindir` names (Debian's postgresql package), with default durability (fsync on)
 * and max_wal_size raised as for any bulk-loading server. Null when neither is available.
 */
export interface BenchPostgres {
  /** A new empty database: its URL. */
  createDb(name: string): Promise<string>;
  dropDb(name: string): Promise<void>;
  /** Server version and where it runs, for the results table. */
  label: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function asPg(cmd: string[]): void {
  const root = userInfo().uid === 0;
  const r = root
    ? spawnSync("su", ["postgres", "-s", "/bin/sh", "-c", cmd.map((c) => `'${c}'`).join(" ")], {
        encoding: "utf8",
      })
    : spawnSync(cmd[0], cmd.slice(1), { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd.join(" ")}: ${r.stderr}`);
}

async function startCluster(): Promise<{ url: string; stop(): Promise<void>; label: string } | null> {
  let bindir: string;
  try {
    bindir = execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
  } catch {
    return null;
  }
  if (!existsSync(join(bindir, "initdb"))) return null;
  const dir = mkdtempSync(join(tmpdir(), "bench-pg-"));
  chmodSync(dir, 0o755);
  if (userInfo().uid === 0) {
    const id = execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim();
    chownSync(dir, Number(id), Number(id));
  }
  const port = await freePort();
  asPg([
    join(bindir, "initdb"),
    "-D",
    join(dir, "data"),
    "-U",
    "postgres",
    "-A",
    "trust",
    "-E",
    "UTF8",
    "--locale=C.UTF-8",
  ]);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_wal_size=4GB`;
  asPg([join(bindir, "pg_ctl"), "-D", join(dir, "data"), "-l", join(dir, "log"), "-w", "-o", opts, "start"]);
  const version = execFileSync(join(bindir, "postgres"), ["--version"], { encoding: "utf8" }).trim();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    label: `${version}, throwaway cluster (fsync on)`,
    async stop() {
      asPg([join(bindir, "pg_ctl"), "-D", join(dir, "data"), "-m", "fast", "stop"]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function benchPostgres(): Promise<BenchPostgres | null> {
  const given = process.env.BENCH_PG;
  const server = given ? { url: given, label: "BENCH_PG", stop: async () => {} } : await startCluster();
  if (!server) return null;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: server.url });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  const urlOf = (name: string) => {
    const u = new URL(server.url);
    u.pathname = `/${name}`;
    return u.toString();
  };
  return {
    label: server.label,
    async createDb(name) {
      await admin(`DROP DATABASE IF EXISTS ${name}`);
      await admin(`CREATE DATABASE ${name}`);
      return urlOf(name);
    },
    dropDb: (name) => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    stop: server.stop,
  };
}

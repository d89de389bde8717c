import type { AwsAccess } from "../aws/access.js";
import type { AnyCapability, Deps } from "../capabilities/types.js";
import { clockFromEnv } from "../clock.js";
import type { Config } from "../config.js";
import type { Db } from "../store/db.js";
import { createLogger, type Logger } from "../util/log.js";

export interface GlobalOptions {
  db?: string;
  config?: string;
}

/** What actions need from modules `--help` never loads (YAML parser, SQLite, Kysely, migrations). */
interface Loaded {
  config: typeof import("../config.js");
  store: typeof import("../store/db.js");
}

/**
 * Resolved lazily so `--help` never opens a database or reads a config. `prepare()` (run by the
 * CLI's preAction hook, before any action) loads the config and store modules; the accessors
 * below stay synchronous for the actions. AWS access is imported only on first use.
 */
export class CliContext {
  private dbPromise?: Promise<Db>;
  private awsPromise?: Promise<AwsAccess>;
  private loaded?: { config: Config; path: string | null };
  private mods?: Loaded;
  readonly log: Logger = createLogger();
  readonly now = clockFromEnv();

  constructor(
    private readonly globals: () => GlobalOptions,
    readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  async prepare(): Promise<void> {
    if (this.mods) return;
    const [config, store] = await Promise.all([import("../config.js"), import("../store/db.js")]);
    this.mods = { config, store };
  }

  private get modules(): Loaded {
    if (!this.mods) throw new Error("CliContext.prepare() must run before an action (preAction hook)");
    return this.mods;
  }

  get dbPath(): string {
    return this.globals().db ?? this.env.BEDROCK_SPEND_DB ?? this.modules.store.DEFAULT_DB_PATH;
  }

  get configPath(): string | undefined {
    return this.globals().config ?? this.env.BEDROCK_SPEND_CONFIG;
  }

  config(): Config {
    this.loaded ??= this.modules.config.loadConfig(this.configPath);
    return this.loaded.config;
  }

  /** The store for logs: a database URL's password is never shown. */
  get storeLabel(): string {
    return this.modules.store.storeLabel(this.dbPath);
  }

  /** Applies pending migrations explicitly (`bedrock-spend migrate`); the store stays open. */
  async migrate(): Promise<{ applied: string[]; latest: string }> {
    await this.prepare();
    const { applied, db } = await this.modules.store.migrateDb(this.dbPath);
    await this.rollupPending(db);
    this.dbPromise = Promise.resolve(db);
    return { applied, latest: this.modules.store.LATEST_MIGRATION };
  }

  db(): Promise<Db> {
    this.dbPromise ??= this.prepare()
      .then(() => this.modules.store.openDb(this.dbPath))
      .then(async (db) => {
        await this.rollupPending(db);
        return db;
      });
    return this.dbPromise;
  }

  /** A large pending rollup rebuild (after an upgrade) runs at open, announced on stderr. */
  private async rollupPending(db: Db): Promise<void> {
    const { refreshPendingRollup } = await import("../store/queries/spend-rollup.js");
    await refreshPendingRollup(db, this.log);
  }

  /**
   * Live AWS access, built once. The SDK (seven clients, ~100 modules) is imported here on first
   * use only, so commands that answer from the store never load it.
   */
  aws(): Promise<AwsAccess> {
    this.awsPromise ??= import("../aws/access.js").then((m) =>
      m.createAwsAccess({ env: this.env, log: this.log }),
    );
    return this.awsPromise;
  }

  /** Capability deps; `aws` is included when asked for (see `needsAws`). */
  async deps(opts: { aws?: boolean } = {}): Promise<Deps> {
    await this.prepare();
    const config = this.config();
    const deps: Deps = { db: await this.db(), config, now: this.now, log: this.log };
    if (opts.aws) deps.aws = await this.aws();
    return deps;
  }

  async close(): Promise<void> {
    if (this.awsPromise) (await this.awsPromise).close();
    if (this.dbPromise) await (await this.dbPromise).destroy();
  }
}

/** True when any of these capabilities calls AWS live (MCP openWorldHint): deps need `aws`. */
export function needsAws(caps: readonly AnyCapability[]): boolean {
  return caps.some((c) => c.openWorld);
}

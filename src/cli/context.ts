import type { AwsAccess } from "../aws/access.js";
import type { AnyCapability, Deps } from "../capabilities/types.js";
import { clockFromEnv } from "../clock.js";
import { type Config, loadConfig } from "../config.js";
import { type Db, DEFAULT_DB_PATH, openDb } from "../store/db.js";
import { createLogger, type Logger } from "../util/log.js";

export interface GlobalOptions {
  db?: string;
  config?: string;
}

/** Resolved lazily so `--help` never opens a database or reads a config. */
export class CliContext {
  private dbPromise?: Promise<Db>;
  private awsPromise?: Promise<AwsAccess>;
  private loaded?: { config: Config; path: string | null };
  readonly log: Logger = createLogger();
  readonly now = clockFromEnv();

  constructor(
    private readonly globals: () => GlobalOptions,
    readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  get dbPath(): string {
    return this.globals().db ?? this.env.BEDROCK_SPEND_DB ?? DEFAULT_DB_PATH;
  }

  get configPath(): string | undefined {
    return this.globals().config ?? this.env.BEDROCK_SPEND_CONFIG;
  }

  config(): Config {
    this.loaded ??= loadConfig(this.configPath);
    return this.loaded.config;
  }

  db(): Promise<Db> {
    this.dbPromise ??= openDb(this.dbPath);
    return this.dbPromise;
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

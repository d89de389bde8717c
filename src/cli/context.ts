import { type AwsAccess, createAwsAccess } from "../aws/access.js";
import type { Deps } from "../capabilities/types.js";
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
  private loaded?: { config: Config; path: string | null };
  private awsAccess?: AwsAccess;
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

  async deps(): Promise<Deps> {
    const config = this.config();
    return { db: await this.db(), config, now: this.now, log: this.log, aws: this.aws() };
  }

  /** Read-only AWS clients from this process's env; built lazily, no call is made until used. */
  aws(): AwsAccess {
    this.awsAccess ??= createAwsAccess({ env: this.env, log: this.log });
    return this.awsAccess;
  }

  async close(): Promise<void> {
    this.awsAccess?.close();
    if (this.dbPromise) await (await this.dbPromise).destroy();
  }
}

import { redactSecrets } from "./redact.js";

/** Logs go to stderr only: stdout is reserved for machine output (and the stdio MCP protocol). */
export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = keyof typeof LEVELS;

/** Values no log line may contain, whatever a dependency's error message echoes. */
const SECRET_VARIABLES = [
  "BEDROCK_SPEND_MCP_TOKEN",
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "PGPASSWORD",
];

export interface LoggerOptions {
  /** BEDROCK_SPEND_LOG: debug, info (default), warn, error, silent. */
  level?: string;
  /** BEDROCK_SPEND_LOG_FORMAT: `text` (default) or `json` (one object per line, for log shippers). */
  format?: string;
  /** Where secrets are looked up for scrubbing (default process.env). */
  env?: NodeJS.ProcessEnv;
  write?: (line: string) => void;
}

export function createLogger(o: LoggerOptions = {}): Logger {
  const env = o.env ?? process.env;
  const level = o.level ?? env.BEDROCK_SPEND_LOG;
  const json = (o.format ?? env.BEDROCK_SPEND_LOG_FORMAT) === "json";
  const min = LEVELS[(level as Level) in LEVELS ? (level as Level) : "info"];
  const secrets = SECRET_VARIABLES.map((k) => env[k]);
  const out = o.write ?? ((line: string) => process.stderr.write(line));
  const write = (lvl: Level, raw: string) => {
    if (LEVELS[lvl] < min) return;
    const msg = redactSecrets(raw, secrets);
    if (json) out(`${JSON.stringify({ time: new Date().toISOString(), level: lvl, msg })}\n`);
    else out(`${lvl === "info" ? "" : `${lvl}: `}${msg}\n`);
  };
  return {
    debug: (m) => write("debug", m),
    info: (m) => write("info", m),
    warn: (m) => write("warn", m),
    error: (m) => write("error", m),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Logs go to stderr only: stdout is reserved for machine output (and the stdio MCP protocol). */
export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = keyof typeof LEVELS;

export function createLogger(level: string | undefined = process.env.BEDROCK_SPEND_LOG): Logger {
  const min = LEVELS[(level as Level) in LEVELS ? (level as Level) : "info"];
  const write = (lvl: Level, msg: string) => {
    if (LEVELS[lvl] >= min) process.stderr.write(`${lvl === "info" ? "" : `${lvl}: `}${msg}\n`);
  };
  return {
    debug: (m) => write("debug", m),
    info: (m) => write("info", m),
    warn: (m) => write("warn", m),
    error: (m) => write("error", m),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

import { LogLevel, type Logger as SlackLogger } from "@slack/bolt";
import type { Logger } from "../util/log.js";

/**
 * Bolt and the WebClient log through ours, so everything lands on stderr (their default console
 * logger would write to stdout, which is machine output). Their own debug lines redact tokens.
 */
export function slackLogger(log: Logger): SlackLogger {
  let level = LogLevel.INFO;
  const fmt = (args: unknown[]) => `slack: ${args.map(String).join(" ")}`;
  return {
    debug: (...m) => log.debug(fmt(m)),
    info: (...m) => log.info(fmt(m)),
    warn: (...m) => log.warn(fmt(m)),
    error: (...m) => log.error(fmt(m)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

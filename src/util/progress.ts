/**
 * A counter on stderr for long work. On a TTY it redraws one line; otherwise it prints at most
 * one line every few seconds so CI logs stay readable.
 */
export interface Progress {
  update(text: string): void;
  done(text?: string): void;
}

export function createProgress(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
  enabled = process.env.BEDROCK_SPEND_LOG !== "silent",
): Progress {
  if (!enabled) return { update() {}, done() {} };
  const tty = Boolean(stream.isTTY);
  let last = 0;
  return {
    update(text) {
      const now = Date.now();
      if (tty) stream.write(`\r\x1b[2K${label} ${text}`);
      else if (now - last > 3000) {
        stream.write(`${label} ${text}\n`);
        last = now;
      }
    },
    done(text) {
      if (tty) stream.write("\r\x1b[2K");
      if (text) stream.write(`${label} ${text}\n`);
    },
  };
}

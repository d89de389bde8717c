import { UsageError } from "./errors.js";

/** The product's clock. `BEDROCK_SPEND_NOW` pins it for every command (never for AWS signing). */
export type Clock = () => Date;

export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const pinned = env.BEDROCK_SPEND_NOW;
  if (!pinned) return () => new Date();
  const at = new Date(pinned);
  if (Number.isNaN(at.getTime())) {
    throw new UsageError(
      `BEDROCK_SPEND_NOW="${pinned}" is not an ISO-8601 instant (expected e.g. 2026-11-26T12:00:00Z)`,
    );
  }
  return () => new Date(at.getTime());
}

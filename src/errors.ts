/**
 * Typed errors for the core. Each edge (CLI, MCP, Slack) converts them once:
 * UsageError → exit 2 / isError with the fix; everything else → exit 1.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** A failure the user can act on: `hint` says what to do next. */
export class AppError extends Error {
  override readonly name = "AppError";
  constructor(
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof AppError && err.hint) return `${err.message} — ${err.hint}`;
  if (err instanceof Error) return err.message;
  return String(err);
}

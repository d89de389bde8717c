/**
 * Admission for tool calls that need new work, per process: at most `max` at once (running or
 * queued for a worker). Beyond it a call is refused at once with 503 + Retry-After instead of
 * joining a queue whose wait would exceed the per-call time budget.
 */
export class CallGate {
  private count = 0;

  constructor(readonly max: number) {}

  get inFlight(): number {
    return this.count;
  }

  /** A release function when admitted (idempotent), null when full. */
  tryEnter(): (() => void) | null {
    if (this.count >= this.max) return null;
    this.count++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.count--;
    };
  }
}

// Reconnect delays after the pattern of EmailEngine: base × factor^attempts, capped, plus jitter.
// The attempt count resets only after a connection has stayed up for `stableMs`, so a server that
// drops us right after login is not hammered.

export interface BackoffOptions {
  baseMs?: number;
  factor?: number;
  maxMs?: number;
  jitterMs?: number;
  stableMs?: number;
  random?: () => number;
}

export class Backoff {
  private attempts = 0;
  private connectedAt: number | undefined;
  private readonly o: Required<BackoffOptions>;

  constructor(options: BackoffOptions = {}) {
    this.o = {
      baseMs: 2000,
      factor: 1.5,
      maxMs: 30_000,
      jitterMs: 1000,
      stableMs: 5 * 60_000,
      random: Math.random,
      ...options,
    };
  }

  /** The delay before the next attempt; counts the attempt. */
  next(now = Date.now()): number {
    if (this.connectedAt !== undefined && now - this.connectedAt >= this.o.stableMs) this.attempts = 0;
    this.connectedAt = undefined;
    const delay = Math.min(this.o.maxMs, this.o.baseMs * this.o.factor ** this.attempts);
    this.attempts++;
    return Math.round(delay + this.o.random() * this.o.jitterMs);
  }

  /** Marks a successful connection; the count resets once it has lasted `stableMs`. */
  connected(now = Date.now()): void {
    this.connectedAt = now;
  }

  get failures(): number {
    return this.attempts;
  }
}

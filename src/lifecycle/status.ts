// What /healthz, /metrics and the logs say about each long-running component. Components report
// here; the web server reads. Plain data, no IO.

export type ComponentName = 'database' | 'mailbox' | 'outbox' | 'scheduler' | 'web' | 'calendar';

export interface ComponentStatus {
  ok: boolean;
  /** Last time the component did its work successfully (e.g. a mailbox poll). */
  lastSuccessAt?: Date;
  lastErrorAt?: Date;
  lastError?: string;
  detail?: Record<string, unknown>;
}

export class StatusBoard {
  private readonly components = new Map<ComponentName, ComponentStatus>();
  private readonly counters = new Map<string, number>();
  private stoppingSince: Date | undefined;

  /** The service is shutting down: /healthz says `stopping` (503) from now on. */
  beginStopping(at = new Date()): void {
    this.stoppingSince ??= at;
  }

  get stopping(): boolean {
    return this.stoppingSince !== undefined;
  }

  succeeded(name: ComponentName, detail?: Record<string, unknown>, at = new Date()): void {
    const prev = this.components.get(name);
    this.components.set(name, { ...prev, ok: true, lastSuccessAt: at, ...(detail ? { detail } : {}) });
  }

  failed(name: ComponentName, error: string, at = new Date()): void {
    const prev = this.components.get(name);
    this.components.set(name, { ...prev, ok: false, lastErrorAt: at, lastError: error });
  }

  get(name: ComponentName): ComponentStatus | undefined {
    return this.components.get(name);
  }

  all(): Record<string, ComponentStatus> {
    return Object.fromEntries(this.components);
  }

  /** Counters for /metrics, keyed by metric name plus labels, e.g. `imap_reconnects_total`. */
  count(key: string, by = 1): void {
    this.counters.set(key, (this.counters.get(key) ?? 0) + by);
  }

  counter(key: string): number {
    return this.counters.get(key) ?? 0;
  }

  allCounters(): Record<string, number> {
    return Object.fromEntries(this.counters);
  }
}

// When a transient failure is tried again: exponential in the attempts made, capped, with jitter
// so mail that failed together does not retry together (STYLE "retry is data"):
//   delay = min(cap, base * 2^(attempts-1)) * (0.5 + random/2)
// With the defaults (1 min base, 1 h cap, 8 attempts: 7 waits of 1, 2, 4, ... 64 -> 60 min, halved
// by up to half) the first retry comes after 30-60 s and a mail that keeps getting 4xx answers is
// given up after about 1-2 hours. An unreachable server does not count
// attempts at all (see delivery-error.ts), so an outage of any length only delays mail.

export interface RetryPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 60_000, capMs: 60 * 60_000 };

/** Milliseconds to wait after `attempts` failed tries (attempts >= 1). */
export function retryDelayMs(attempts: number, policy: RetryPolicy = DEFAULT_RETRY, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(attempts));
  // 2^30 already exceeds any sensible cap; the exponent limit keeps the number finite.
  const raw = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(n - 1, 30));
  return Math.round(raw * (0.5 + random() / 2));
}

/**
 * Per-key request counting in fixed one-minute windows, in this process (ADR 0005: a database
 * round trip per request would cost more than the quote itself on PGlite; with N instances behind a
 * balancer a key gets at most N × its limit, which the limit's documentation states).
 */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  hit(keyId: string, limit: number, nowMs: number): RateDecision {
    const start = Math.floor(nowMs / 60_000) * 60_000;
    let w = this.windows.get(keyId);
    if (!w || w.start !== start) {
      // A new minute: forget every stale window so the map stays as small as the active keys.
      if (w === undefined && this.windows.size > 10_000) this.sweep(start);
      w = { start, count: 0 };
      this.windows.set(keyId, w);
    }
    w.count++;
    const resetSeconds = Math.max(1, Math.ceil((start + 60_000 - nowMs) / 1000));
    return { allowed: w.count <= limit, limit, remaining: Math.max(0, limit - w.count), resetSeconds };
  }

  private sweep(currentStart: number): void {
    for (const [k, w] of this.windows) if (w.start !== currentStart) this.windows.delete(k);
  }
}

import type { Database } from '@autofin/db';
import { touchApiKeys } from './api-key.repository.ts';

interface Bucket {
  partnerId: string;
  minute: number;
  requests: number;
  errors: number;
  latencySum: number;
  latencyMax: number;
}

/**
 * API usage per partner per minute: counted in memory on each response (a few map operations) and
 * added to partner_api_usage every few seconds with one multi-row upsert, so several instances add
 * up in the same rows and the request path never waits for it. The keys' last-use times go the
 * same way.
 */
export class UsageRecorder {
  private buckets = new Map<string, Bucket>();
  private lastUsed = new Map<string, Date>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(private readonly database: Database) {}

  record(partnerId: string, keyId: string, status: number, latencyMs: number, now: number): void {
    const minute = Math.floor(now / 60_000) * 60_000;
    const id = `${partnerId}|${minute}`;
    let b = this.buckets.get(id);
    if (!b) {
      b = { partnerId, minute, requests: 0, errors: 0, latencySum: 0, latencyMax: 0 };
      this.buckets.set(id, b);
    }
    b.requests++;
    if (status >= 400) b.errors++;
    b.latencySum += latencyMs;
    if (latencyMs > b.latencyMax) b.latencyMax = latencyMs;
    this.lastUsed.set(keyId, new Date(now));
  }

  start(intervalMs = 5_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  async flush(): Promise<void> {
    if (this.flushing) await this.flushing;
    if (this.buckets.size === 0 && this.lastUsed.size === 0) return;
    const buckets = [...this.buckets.values()];
    const lastUsed = this.lastUsed;
    this.buckets = new Map();
    this.lastUsed = new Map();
    this.flushing = (async () => {
      if (buckets.length > 0) {
        const params: unknown[] = [];
        const values = buckets.map((b) => {
          params.push(b.partnerId, new Date(b.minute).toISOString(), b.requests, b.errors, b.latencySum, b.latencyMax);
          const n = params.length;
          return `($${n - 5}::uuid, $${n - 4}::timestamptz, $${n - 3}::int, $${n - 2}::int, $${n - 1}::float8, $${n}::float8)`;
        });
        await this.database.query(
          `INSERT INTO partner_api_usage (partner_id, minute, requests, errors, latency_sum_ms, latency_max_ms) VALUES ${values.join(', ')}
           ON CONFLICT (partner_id, minute) DO UPDATE SET requests = partner_api_usage.requests + EXCLUDED.requests,
             errors = partner_api_usage.errors + EXCLUDED.errors, latency_sum_ms = partner_api_usage.latency_sum_ms + EXCLUDED.latency_sum_ms,
             latency_max_ms = GREATEST(partner_api_usage.latency_max_ms, EXCLUDED.latency_max_ms)`,
          params,
        );
      }
      await touchApiKeys(this.database.db, lastUsed);
    })();
    try {
      await this.flushing;
    } finally {
      this.flushing = null;
    }
  }
}

import type { Database } from '@autofin/db';
import type { UsageResponse } from '@autofin/contracts';

/** Usage per partner over the last `hours`: per minute up to 6 hours, per hour beyond. */
export async function usageSeries(database: Database, hours: number, partnerId: string | undefined, now = new Date()): Promise<UsageResponse> {
  const bucketMinutes = hours <= 6 ? 1 : 60;
  const rows = await database.query<{ at: string | Date; partner_id: string; name: string; requests: number; errors: number; latency_sum: number; latency_max: number }>(
    `SELECT date_bin(make_interval(mins => $1), u.minute, TIMESTAMPTZ '2000-01-01') AS at, u.partner_id, p.name,
            sum(u.requests)::int AS requests, sum(u.errors)::int AS errors, sum(u.latency_sum_ms)::float8 AS latency_sum, max(u.latency_max_ms)::float8 AS latency_max
       FROM partner_api_usage u JOIN partners p ON p.id = u.partner_id
      WHERE u.minute >= $2::timestamptz AND ($3::uuid IS NULL OR u.partner_id = $3::uuid)
      GROUP BY 1, 2, 3 ORDER BY 1, 3`,
    [bucketMinutes, new Date(now.getTime() - hours * 3_600_000).toISOString(), partnerId ?? null],
  );
  return {
    bucketMinutes,
    points: rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      partnerId: r.partner_id,
      partnerName: r.name,
      requests: r.requests,
      errors: r.errors,
      latencyMeanMs: r.requests > 0 ? Math.round((r.latency_sum / r.requests) * 100) / 100 : 0,
      latencyMaxMs: Math.round(r.latency_max * 100) / 100,
    })),
  };
}

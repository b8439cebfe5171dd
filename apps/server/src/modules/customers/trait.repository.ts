import { bulkInsert, type SqlRunner } from '@autofin/db';
import { computeTraits, TRAITS_VERSION, type TraitInputs } from '@autofin/domain';

/**
 * Aggregates, per profile, what the trait definitions need (packages/domain/src/customers/traits.ts),
 * as of a time: only events, applications and loans up to `asOf` count, so the same query serves the
 * live traits and the churn model's training cut-off. A profile includes the profiles merged into it.
 */
const AGGREGATE_SQL = `
WITH ids AS (SELECT DISTINCT unnest($1::uuid[]) AS owner),
members AS (
  SELECT owner, owner AS cid FROM ids
  UNION ALL
  SELECT ids.owner, c.id FROM ids JOIN customers c ON c.merged_into = ids.owner
),
ev AS (
  SELECT m.owner, e.type, e.channel, e.occurred_at, e.payload
  FROM members m JOIN customer_events e ON e.customer_id = m.cid
  WHERE e.occurred_at <= $2::timestamptz
),
ev_agg AS (
  SELECT owner,
    max(occurred_at) AS last_event_at,
    count(*) FILTER (WHERE occurred_at > $2::timestamptz - interval '90 days')::int AS events_90d,
    count(*) FILTER (WHERE type IN ('calculator_used','calculator_use'))::int AS calculator_uses,
    count(*) FILTER (WHERE type IN ('quote_viewed','quote_view'))::int AS quotes_viewed,
    count(*) FILTER (WHERE type IN ('application_started','application_submitted'))::int AS applications_started,
    count(*) FILTER (WHERE type = 'complaint' AND occurred_at > $2::timestamptz - interval '180 days')::int AS complaints_180d,
    count(*) FILTER (WHERE (payload->>'nev') = 'true' OR t.fuel IN ('BEV','PHEV'))::int AS nev_events,
    count(*) FILTER (WHERE (payload->>'nev') = 'false' OR t.fuel = 'ICE')::int AS ice_events
  FROM ev LEFT JOIN trims t ON jsonb_typeof(ev.payload->'trim_id') = 'number' AND t.id = (ev.payload->>'trim_id')::int
  GROUP BY owner
),
ch AS (
  SELECT owner, jsonb_object_agg(channel, n) AS engagement FROM (
    SELECT owner, channel, count(*)::int AS n FROM ev
    WHERE occurred_at > $2::timestamptz - interval '180 days'
      AND type IN ('ad_click','message_clicked','page_view','app_open','calculator_used','calculator_use')
    GROUP BY owner, channel
  ) x GROUP BY owner
),
app AS (
  SELECT m.owner, count(*)::int AS applications,
    count(*) FILTER (WHERE a.product_code LIKE '%PROMO%')::int AS promo,
    count(*) FILTER (WHERE a.vehicle_condition = 'used')::int AS used,
    count(*) FILTER (WHERE t.fuel IN ('BEV','PHEV'))::int AS nev,
    count(*) FILTER (WHERE t.fuel = 'ICE')::int AS ice
  FROM members m JOIN applications a ON a.customer_id = m.cid LEFT JOIN trims t ON t.id = a.trim_id
  WHERE a.submitted_at <= $2::timestamptz
  GROUP BY m.owner
),
ln AS (
  SELECT m.owner,
    count(*)::int AS funded,
    count(*) FILTER (WHERE l.closed_at IS NULL OR l.closed_at > $2::date)::int AS active,
    coalesce(sum(l.principal_fen), 0)::float8 AS principal,
    coalesce(sum(l.outstanding_principal_fen::float8 * greatest(l.term_months - (($2::date - l.funded_at) / 30), 0))
      FILTER (WHERE l.closed_at IS NULL OR l.closed_at > $2::date), 0)::float8 AS balance_months,
    min(($2::date - l.funded_at) / 30)::int AS months_since_funding,
    coalesce(max(l.days_past_due), 0)::int AS max_dpd
  FROM members m JOIN loans l ON l.customer_id = m.cid
  WHERE l.funded_at <= $2::date
  GROUP BY m.owner
)
SELECT c.id,
  ci.tier::int AS city_tier, coalesce(ci.plate_restricted, false) AS plate_restricted,
  CASE WHEN c.birth_date IS NULL THEN NULL ELSE extract(year FROM age($2::date, c.birth_date))::int END AS age,
  c.income_band, c.preferred_channel, c.first_seen_at,
  EXISTS (SELECT 1 FROM customer_consents k WHERE k.customer_id = c.id AND k.purpose = 'profiling' AND k.status = 'granted' AND k.granted_at <= $2::timestamptz) AS profiling,
  ev_agg.last_event_at, coalesce(ev_agg.events_90d, 0) AS events_90d, coalesce(ev_agg.calculator_uses, 0) AS calculator_uses,
  coalesce(ev_agg.quotes_viewed, 0) AS quotes_viewed, coalesce(ev_agg.applications_started, 0) AS applications_started,
  coalesce(ev_agg.complaints_180d, 0) AS complaints_180d,
  coalesce(ev_agg.nev_events, 0) + coalesce(app.nev, 0) AS nev_signals, coalesce(ev_agg.ice_events, 0) + coalesce(app.ice, 0) AS ice_signals,
  ch.engagement,
  coalesce(app.applications, 0) AS applications, coalesce(app.promo, 0) AS promo_applications, coalesce(app.used, 0) AS used_applications,
  coalesce(ln.funded, 0) AS loans_funded, coalesce(ln.active, 0) AS loans_active, coalesce(ln.principal, 0) AS principal,
  coalesce(ln.balance_months, 0) AS balance_months, ln.months_since_funding, coalesce(ln.max_dpd, 0) AS max_dpd
FROM ids JOIN customers c ON c.id = ids.owner
LEFT JOIN cities ci ON ci.id = c.city_id
LEFT JOIN ev_agg ON ev_agg.owner = c.id
LEFT JOIN ch ON ch.owner = c.id
LEFT JOIN app ON app.owner = c.id
LEFT JOIN ln ON ln.owner = c.id`;

interface AggregateRow {
  id: string;
  city_tier: number | null;
  plate_restricted: boolean;
  age: number | null;
  income_band: string | null;
  preferred_channel: string | null;
  first_seen_at: string | Date;
  profiling: boolean;
  last_event_at: string | Date | null;
  events_90d: number;
  calculator_uses: number;
  quotes_viewed: number;
  applications_started: number;
  complaints_180d: number;
  nev_signals: number;
  ice_signals: number;
  engagement: Record<string, number> | string | null;
  applications: number;
  promo_applications: number;
  used_applications: number;
  loans_funded: number;
  loans_active: number;
  principal: number | string;
  balance_months: number | string;
  months_since_funding: number | null;
  max_dpd: number;
}

function ms(v: string | Date | null): number | null {
  if (v === null) return null;
  return v instanceof Date ? v.getTime() : new Date(v).getTime();
}

export async function loadTraitInputs(db: SqlRunner, customerIds: readonly string[], asOf: Date): Promise<Map<string, TraitInputs>> {
  const out = new Map<string, TraitInputs>();
  if (customerIds.length === 0) return out;
  const rows = await db.query<AggregateRow>(AGGREGATE_SQL, [`{${customerIds.join(',')}}`, asOf.toISOString()]);
  for (const r of rows) {
    const engagement = typeof r.engagement === 'string' ? (JSON.parse(r.engagement) as Record<string, number>) : (r.engagement ?? {});
    out.set(r.id, {
      cityTier: r.city_tier,
      plateRestricted: r.plate_restricted,
      age: r.age,
      incomeBand: r.income_band,
      preferredChannel: r.preferred_channel,
      profilingConsent: r.profiling,
      lastEventAt: ms(r.last_event_at),
      firstSeenAt: ms(r.first_seen_at) ?? asOf.getTime(),
      events90d: Number(r.events_90d),
      channelEngagement180d: engagement,
      calculatorUses: Number(r.calculator_uses),
      quotesViewed: Number(r.quotes_viewed),
      applicationsStarted: Number(r.applications_started),
      complaints180d: Number(r.complaints_180d),
      nevSignals: Number(r.nev_signals),
      iceSignals: Number(r.ice_signals),
      applications: Number(r.applications),
      promoApplications: Number(r.promo_applications),
      usedCarApplications: Number(r.used_applications),
      loansFunded: Number(r.loans_funded),
      loansActive: Number(r.loans_active),
      principalFen: Number(r.principal),
      activeBalanceMonthsFen: Number(r.balance_months),
      monthsSinceLastFunding: r.months_since_funding,
      maxDaysPastDue: Number(r.max_dpd),
    });
  }
  return out;
}

/** Recomputes and stores the traits of these profiles (merged-away ids are skipped by the caller). */
export async function refreshTraits(db: SqlRunner, customerIds: readonly string[], asOf: Date): Promise<number> {
  if (customerIds.length === 0) return 0;
  const inputs = await loadTraitInputs(db, customerIds, asOf);
  const cols = {
    id: [] as string[],
    stage: [] as string[],
    last: [] as Array<string | null>,
    f90: [] as number[],
    m: [] as number[],
    rfm: [] as string[],
    ch: [] as Array<string | null>,
    nev: [] as number[],
    price: [] as number[],
    ltv: [] as number[],
    churn: [] as Array<number | null>,
    nbp: [] as Array<string | null>,
    pers: [] as boolean[],
  };
  for (const [id, input] of inputs) {
    const t = computeTraits(input, asOf.getTime());
    cols.id.push(id);
    cols.stage.push(t.lifecycleStage);
    cols.last.push(t.lastEventAt === null ? null : new Date(t.lastEventAt).toISOString());
    cols.f90.push(t.frequency90d);
    cols.m.push(t.monetaryFen);
    cols.rfm.push(t.rfmScore);
    cols.ch.push(t.channelPreference);
    cols.nev.push(t.nevAffinity);
    cols.price.push(t.priceSensitivity);
    cols.ltv.push(t.predictedLtvFen);
    cols.churn.push(t.churnRisk);
    cols.nbp.push(t.nextBestProduct);
    cols.pers.push(t.personalised);
  }
  const now = asOf.toISOString();
  await bulkInsert(
    db,
    'customer_traits',
    [
      { name: 'customer_id', type: 'uuid', values: cols.id },
      { name: 'lifecycle_stage', type: 'text', values: cols.stage },
      { name: 'last_event_at', type: 'timestamptz', values: cols.last },
      { name: 'frequency_90d', type: 'int4', values: cols.f90 },
      { name: 'monetary_fen', type: 'int8', values: cols.m },
      { name: 'rfm_score', type: 'text', values: cols.rfm },
      { name: 'channel_preference', type: 'text', values: cols.ch },
      { name: 'nev_affinity', type: 'float8', values: cols.nev },
      { name: 'price_sensitivity', type: 'float8', values: cols.price },
      { name: 'predicted_ltv_fen', type: 'int8', values: cols.ltv },
      { name: 'churn_risk', type: 'float8', values: cols.churn },
      { name: 'next_best_product', type: 'text', values: cols.nbp },
      { name: 'personalised', type: 'bool', values: cols.pers },
      { name: 'version', type: 'text', values: cols.id.map(() => TRAITS_VERSION) },
      { name: 'computed_at', type: 'timestamptz', values: cols.id.map(() => now) },
    ],
    {
      onConflict: `ON CONFLICT (customer_id) DO UPDATE SET lifecycle_stage = EXCLUDED.lifecycle_stage, last_event_at = EXCLUDED.last_event_at,
        frequency_90d = EXCLUDED.frequency_90d, monetary_fen = EXCLUDED.monetary_fen, rfm_score = EXCLUDED.rfm_score,
        channel_preference = EXCLUDED.channel_preference, nev_affinity = EXCLUDED.nev_affinity, price_sensitivity = EXCLUDED.price_sensitivity,
        predicted_ltv_fen = EXCLUDED.predicted_ltv_fen, churn_risk = EXCLUDED.churn_risk, next_best_product = EXCLUDED.next_best_product,
        personalised = EXCLUDED.personalised, version = EXCLUDED.version, computed_at = EXCLUDED.computed_at`,
    },
  );
  return cols.id.length;
}

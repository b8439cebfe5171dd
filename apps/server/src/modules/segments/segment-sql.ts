import { LEGACY_EVENT_TYPES, type CompareOp, type Condition, type RuleGroup } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';

/**
 * Compiles a segment rule to a parameterised WHERE clause over one customer profile:
 * `customers c LEFT JOIN customer_traits t ON t.customer_id = c.id LEFT JOIN cities ci ON ci.id = c.city_id`.
 * Field names map to fixed SQL expressions below; every value from the rule travels as a parameter
 * ($n), so a rule can never inject SQL. Event and consent conditions become correlated EXISTS /
 * count subqueries on the customer's own rows (customer_events' primary key leads with customer_id),
 * or — counting over the whole market — semi-joins on customer_event_recent (ADR 0014).
 */
type FieldType = 'number' | 'text' | 'bool';
interface Field {
  sql: string;
  type: FieldType;
}

const ATTRIBUTES: Record<string, Field> = {
  // $NOW is always read as timestamptz first: PostgreSQL types a parameter by its first use.
  age: { sql: `extract(year FROM age(($NOW::timestamptz)::date, c.birth_date))`, type: 'number' },
  gender: { sql: 'c.gender', type: 'text' },
  city_tier: { sql: 'ci.tier', type: 'number' },
  province_id: { sql: 'ci.province_id', type: 'number' },
  city_id: { sql: 'c.city_id', type: 'number' },
  plate_restricted: { sql: 'ci.plate_restricted', type: 'bool' },
  occupation: { sql: 'c.occupation', type: 'text' },
  education: { sql: 'c.education', type: 'text' },
  marital_status: { sql: 'c.marital_status', type: 'text' },
  children: { sql: 'c.children', type: 'number' },
  income_band: { sql: 'c.income_band', type: 'text' },
  credit_file: { sql: 'c.credit_file', type: 'text' },
  digital_score: { sql: 'c.digital_score', type: 'number' },
  app_user: { sql: 'c.app_user', type: 'bool' },
  preferred_channel: { sql: 'c.preferred_channel', type: 'text' },
  acquisition_channel: { sql: 'c.acquisition_channel', type: 'text' },
  kind: { sql: 'c.kind', type: 'text' },
  has_used_car_application: { sql: `EXISTS (SELECT 1 FROM applications a WHERE a.customer_id = c.id AND a.vehicle_condition = 'used')`, type: 'bool' },
  has_loan: { sql: `EXISTS (SELECT 1 FROM loans l WHERE l.customer_id = c.id)`, type: 'bool' },
};

const TRAITS: Record<string, Field> = {
  lifecycle_stage: { sql: 't.lifecycle_stage', type: 'text' },
  recency_days: { sql: `floor(extract(epoch FROM ($NOW::timestamptz - t.last_event_at)) / 86400)`, type: 'number' },
  frequency_90d: { sql: 't.frequency_90d', type: 'number' },
  monetary_yuan: { sql: '(t.monetary_fen / 100.0)', type: 'number' },
  channel_preference: { sql: 't.channel_preference', type: 'text' },
  nev_affinity: { sql: 't.nev_affinity', type: 'number' },
  price_sensitivity: { sql: 't.price_sensitivity', type: 'number' },
  predicted_ltv_yuan: { sql: '(t.predicted_ltv_fen / 100.0)', type: 'number' },
  churn_risk: { sql: 't.churn_risk', type: 'number' },
  next_best_product: { sql: 't.next_best_product', type: 'text' },
};

const CAST: Record<FieldType, string> = { number: 'numeric', text: 'text', bool: 'boolean' };
const CMP: Record<string, string> = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };

/** Event types a condition counts: the canonical one and the older names that mean the same. */
export function eventTypesFor(type: string): string[] {
  return [type, ...Object.entries(LEGACY_EVENT_TYPES).filter(([, v]) => v === type).map(([k]) => k)];
}

/**
 * market: counting over everyone (event conditions as one semi-join over the window's events);
 * rows: re-evaluating a few customers after their events changed (correlated lookups by customer_id).
 */
export type CompileMode = 'market' | 'rows';

/**
 * Where whole-market event counts come from. 'recent' (the default): customer_event_recent, one row per
 * profile and event type holding its RECENT_EVENT_DEPTH newest times — exact, and as fast as the
 * number of profiles active in the window. 'events': a scan of the window's events — the reference
 * the equality test checks 'recent' against, and what a condition on a channel or a count above the
 * depth still uses.
 */
export type EventSource = 'recent' | 'events';

/** How many newest occurrences customer_event_recent keeps per profile and type (the migration's [1:10]). */
export const RECENT_EVENT_DEPTH = 10;

export interface CompiledRule {
  /** boolean SQL over c, t, ci; `$NOW` is replaced by the evaluation-time parameter */
  where: string;
  params: unknown[];
}

class Compiler {
  readonly params: unknown[] = [];
  constructor(
    private readonly nowIndex: number,
    private readonly mode: CompileMode,
    private readonly source: EventSource,
  ) {}

  param(value: unknown, cast: string): string {
    this.params.push(value);
    return `$${this.params.length + this.nowIndex}::${cast}`;
  }

  compare(field: Field, op: CompareOp, value: unknown, path: string): string {
    const cast = CAST[field.type];
    const expr = field.sql.replaceAll('$NOW', `$${this.nowIndex}`);
    const check = (v: unknown) => {
      const ok = field.type === 'number' ? typeof v === 'number' : field.type === 'bool' ? typeof v === 'boolean' : typeof v === 'string';
      if (!ok) throw new DomainError('VALIDATION_FAILED', `${path}: expects a ${field.type}`, [{ field: `${path}.value`, message: `must be a ${field.type}` }]);
      return v;
    };
    if (op === 'in' || op === 'not_in') {
      if (!Array.isArray(value)) throw new DomainError('VALIDATION_FAILED', `${path}: ${op} needs a list`, [{ field: `${path}.value`, message: `${op} needs a list of values` }]);
      const list = value.map(check);
      const p = this.param(`{${list.map((v) => `"${String(v).replace(/[\\"]/g, '\\$&')}"`).join(',')}}`, `text::${cast}[]`);
      return op === 'in' ? `(${expr} = ANY(${p}))` : `(${expr} IS NULL OR NOT (${expr} = ANY(${p})))`;
    }
    if (op === 'between') {
      if (!Array.isArray(value) || value.length !== 2 || field.type !== 'number') {
        throw new DomainError('VALIDATION_FAILED', `${path}: between needs [low, high] on a number`, [{ field: `${path}.value`, message: 'between needs two numbers [low, high]' }]);
      }
      return `(${expr} BETWEEN ${this.param(check(value[0]), cast)} AND ${this.param(check(value[1]), cast)})`;
    }
    if (Array.isArray(value)) throw new DomainError('VALIDATION_FAILED', `${path}: ${op} needs one value`, [{ field: `${path}.value`, message: `${op} needs a single value` }]);
    if ((op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') && field.type !== 'number') {
      throw new DomainError('VALIDATION_FAILED', `${path}: ${op} only applies to numbers`, [{ field: `${path}.op`, message: `${op} only applies to numeric fields` }]);
    }
    const p = this.param(check(value), cast);
    return op === 'neq' ? `(${expr} IS DISTINCT FROM ${p})` : `(${expr} ${CMP[op]} ${p})`;
  }

  condition(c: Condition, path: string): string {
    switch (c.kind) {
      case 'attribute':
        return this.compare(ATTRIBUTES[c.field]!, c.op, c.value, path);
      case 'trait':
        return this.compare(TRAITS[c.field]!, c.op, c.value, path);
      case 'event': {
        // "≥ 0" always holds and "< 0" never: answered without parameters (a parameter no SQL uses has no type, and the statement fails).
        if (c.op === 'gte' && c.count <= 0) return 'TRUE';
        if (c.op === 'lt' && c.count <= 0) return 'FALSE';
        const types = this.param(`{${eventTypesFor(c.eventType).join(',')}}`, 'text[]');
        const since = `($${this.nowIndex}::timestamptz - make_interval(days => ${this.param(c.withinDays, 'int')}))`;
        const channel = c.channel ? ` AND e.channel = ${this.param(c.channel, 'text')}` : '';
        const window = `e.type = ANY(${types}) AND e.occurred_at > ${since} AND e.occurred_at <= $${this.nowIndex}::timestamptz${channel}`;
        // count ≥ n expressed once; every operator is a combination of it (n = 0 is always true).
        const now = `$${this.nowIndex}::timestamptz`;
        const atLeast = (n: number): string => {
          if (n <= 0) return 'TRUE';
          if (this.mode === 'market' && this.source === 'recent' && !c.channel && n <= RECENT_EVENT_DEPTH) return this.atLeastFromRecent(types, since, now, n);
          if (this.mode === 'rows') {
            const members = `(SELECT c.id UNION ALL SELECT m.id FROM customers m WHERE m.merged_into = c.id)`;
            if (n === 1) return `EXISTS (SELECT 1 FROM customer_events e WHERE e.customer_id IN ${members} AND ${window})`;
            return `((SELECT count(*) FROM customer_events e WHERE e.customer_id IN ${members} AND ${window}) >= ${this.param(n, 'int')})`;
          }
          // Whole-market counts: one pass over the window's events (type/time index), merged profiles mapped to their survivor.
          const owners = `SELECT e.customer_id AS owner FROM customer_events e WHERE ${window}
            UNION ALL SELECT m.merged_into FROM customers m JOIN customer_events e ON e.customer_id = m.id WHERE m.merged_into IS NOT NULL AND ${window}`;
          if (n === 1) return `(c.id IN (${owners}))`;
          return `(c.id IN (SELECT owner FROM (${owners}) o GROUP BY owner HAVING count(*) >= ${this.param(n, 'int')}))`;
        };
        const n = c.count;
        switch (c.op) {
          case 'gte':
            return atLeast(n);
          case 'gt':
            return atLeast(n + 1);
          case 'lt':
            return `(NOT ${atLeast(n)})`;
          case 'lte':
            return `(NOT ${atLeast(n + 1)})`;
          default: // eq
            return n === 0 ? `(NOT ${atLeast(1)})` : `(${atLeast(n)} AND NOT ${atLeast(n + 1)})`;
        }
      }
      case 'consent': {
        const channels = this.param(c.channel === 'any' ? '{any}' : `{${c.channel},any}`, 'text[]');
        const granted = `EXISTS (SELECT 1 FROM customer_consents k WHERE k.customer_id = c.id AND k.purpose = ${this.param(c.purpose, 'text')} AND k.channel = ANY(${channels})
          AND k.status = 'granted' AND k.granted_at <= $${this.nowIndex}::timestamptz)
          AND NOT EXISTS (SELECT 1 FROM customer_consents w WHERE w.customer_id = c.id AND w.purpose = ${this.param(c.purpose, 'text')} AND w.channel = ${this.param(c.channel, 'text')} AND w.status = 'withdrawn')`;
        return c.granted ? `(${granted})` : `NOT (${granted})`;
      }
    }
  }

  /**
   * "At least n events of these types in (since, now]" over the whole market from customer_event_recent.
   * A row whose last_at ≤ now holds every event of its profile and type up to now, newest first, so
   * the row has ≥ n of them in the window exactly when recent[n] > since — and, several rows of one
   * owner summed (legacy type names, merged profiles), Σ min(in-window count, n) ≥ n exactly when the
   * true total is. A row with events after `now` (evaluating the past, or clock skew) may have pushed
   * window events out of its ten: its window is counted from customer_events instead. Merged profiles
   * count for their survivor, as everywhere.
   */
  private atLeastFromRecent(types: string, since: string, now: string, n: number): string {
    const inWindow = `r.type = ANY(${types}) AND r.last_at > ${since} AND r.last_at <= ${now}`;
    const future = `SELECT coalesce(m.merged_into, r.customer_id) AS owner,
        (SELECT count(*) FROM customer_events e WHERE e.customer_id = r.customer_id AND e.type = r.type AND e.occurred_at > ${since} AND e.occurred_at <= ${now}) AS k
        FROM customer_event_recent r JOIN customers m ON m.id = r.customer_id WHERE r.type = ANY(${types}) AND r.last_at > ${now}`;
    if (n === 1) {
      return `(c.id IN (SELECT r.customer_id FROM customer_event_recent r WHERE ${inWindow}
        UNION ALL SELECT m.merged_into FROM customers m JOIN customer_event_recent r ON r.customer_id = m.id WHERE m.merged_into IS NOT NULL AND ${inWindow}
        UNION ALL SELECT f.owner FROM (${future}) f WHERE f.k > 0))`;
    }
    const capped = Array.from({ length: n }, (_, i) => `coalesce((r.recent[${i + 1}] > ${since})::int, 0)`).join(' + ');
    return `(c.id IN (SELECT o.owner FROM (
        SELECT r.customer_id AS owner, ${capped} AS k FROM customer_event_recent r WHERE ${inWindow}
        UNION ALL SELECT m.merged_into, ${capped} FROM customers m JOIN customer_event_recent r ON r.customer_id = m.id WHERE m.merged_into IS NOT NULL AND ${inWindow}
        UNION ALL ${future}) o GROUP BY o.owner HAVING sum(o.k) >= ${this.param(n, 'int')}))`;
  }

  group(g: RuleGroup, path: string): string {
    const parts = g.rules.map((r, i) => ('kind' in r ? this.condition(r, `${path}.rules[${i}]`) : this.group(r, `${path}.rules[${i}]`)));
    return `(${parts.join(g.op === 'and' ? ' AND ' : ' OR ')})`;
  }
}

/**
 * @param nowIndex the parameter number the caller binds to the evaluation time; the rule's own
 * parameters follow it.
 */
export function compileRule(rule: RuleGroup, nowIndex = 1, mode: CompileMode = 'market', source: EventSource = 'recent'): CompiledRule {
  const compiler = new Compiler(nowIndex, mode, source);
  let where = compiler.group(rule, 'rule');
  // Every caller binds the evaluation time; a rule of constants only ("fewer than 0 events") must still use it, or the statement fails.
  if (!new RegExp(`\\$${nowIndex}(?!\\d)`).test(where)) where = `(${where} AND $${nowIndex}::timestamptz IS NOT NULL)`;
  return { where, params: compiler.params };
}

/** The FROM clause every compiled rule is written against. Merged-away profiles are never members. */
export const PROFILE_FROM = `customers c LEFT JOIN customer_traits t ON t.customer_id = c.id LEFT JOIN cities ci ON ci.id = c.city_id`;
export const PROFILE_ACTIVE = `c.merged_into IS NULL`;

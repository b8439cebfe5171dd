import { LEGACY_EVENT_TYPES, type CompareOp, type Condition, type RuleGroup } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';

/**
 * Compiles a segment rule to a parameterised WHERE clause over one customer profile:
 * `customers c LEFT JOIN customer_traits t ON t.customer_id = c.id LEFT JOIN cities ci ON ci.id = c.city_id`.
 * Field names map to fixed SQL expressions below; every value from the rule travels as a parameter
 * ($n), so a rule can never inject SQL. Event and consent conditions become correlated EXISTS /
 * count subqueries on the customer's own rows (customer_events' primary key leads with customer_id),
 * or — counting over the whole market — semi-joins on the window's events, read index-only from
 * customer_events_type_time_customer_idx (ADR 0018).
 */
type FieldType = 'number' | 'text' | 'bool';
interface Field {
  sql: string;
  type: FieldType;
  /**
   * A plain integer column: whole-number values are compared as int, not numeric. `tier = $1::numeric`
   * casts the column, so the planner has no statistics for it (it guessed 1 of 80 cities for tier 2,
   * and chose 29 bitmap scans of 450,000 customers); `tier = $1::int` uses them. Fractions stay numeric.
   */
  int?: true;
  /**
   * Age in whole years from c.birth_date: a comparison with whole numbers is written as a range of birth
   * dates (`ageRange`), which the planner estimates from the column's statistics and which costs one date
   * comparison per row instead of age() on two timestamps.
   */
  age?: true;
}

const ATTRIBUTES: Record<string, Field> = {
  // $NOW is always read as timestamptz first: PostgreSQL types a parameter by its first use.
  age: { sql: `extract(year FROM age(($NOW::timestamptz)::date, c.birth_date))`, type: 'number', age: true },
  gender: { sql: 'c.gender', type: 'text' },
  city_tier: { sql: 'ci.tier', type: 'number', int: true },
  province_id: { sql: 'ci.province_id', type: 'number', int: true },
  city_id: { sql: 'c.city_id', type: 'number', int: true },
  plate_restricted: { sql: 'ci.plate_restricted', type: 'bool' },
  occupation: { sql: 'c.occupation', type: 'text' },
  education: { sql: 'c.education', type: 'text' },
  marital_status: { sql: 'c.marital_status', type: 'text' },
  children: { sql: 'c.children', type: 'number', int: true },
  income_band: { sql: 'c.income_band', type: 'text' },
  credit_file: { sql: 'c.credit_file', type: 'text' },
  digital_score: { sql: 'c.digital_score', type: 'number', int: true },
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
  frequency_90d: { sql: 't.frequency_90d', type: 'number', int: true },
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

export type EventCondition = Extract<Condition, { kind: 'event' }>;

/**
 * The window of an event condition over `customer_events e`: its types, (now − N days, now] and the channel,
 * with values bound through `param` — the same text for the compiled rule and for the planner's estimate of
 * it (window-estimates.ts), so the estimate is of exactly the range the count reads.
 */
export function eventWindow(c: EventCondition, nowIndex: number, param: (value: unknown, cast: string) => string): string {
  const types = param(`{${eventTypesFor(c.eventType).join(',')}}`, 'text[]');
  const since = `($${nowIndex}::timestamptz - make_interval(days => ${param(c.withinDays, 'int')}))`;
  const channel = c.channel ? ` AND e.channel = ${param(c.channel, 'text')}` : '';
  return `e.type = ANY(${types}) AND e.occurred_at > ${since} AND e.occurred_at <= $${nowIndex}::timestamptz${channel}`;
}

/** One key per distinct window (types, days, channel): conditions with the same window share an estimate. */
export function windowKey(c: EventCondition): string {
  return JSON.stringify([eventTypesFor(c.eventType), c.withinDays, c.channel ?? null]);
}

/**
 * The planner's row estimates a whole-market count chooses the form of a combined event set with
 * (`eventSet`; ADR 0021, revised): the events in each candidate driver window, by `windowKey`, and the
 * profiles (rows of `customers`). Asked right before the count (window-estimates.ts); never cached.
 */
export interface WindowEstimates {
  events: ReadonlyMap<string, number>;
  profiles: number;
}

/**
 * The combined set (`eventSet`) is used only while its driver's customers — at most the driver window's
 * estimated events divided by the count it requires — are at most this share of the profiles; above it each
 * condition is its own join (ADR 0018's form), which PostgreSQL estimates and hashes. The combined set is
 * always looked up in `customers` by primary key (PostgreSQL assumes 200 rows for it), one probe per customer,
 * while the hash join's cost is one scan of every profile: so the crossover is a share of the market.
 * Measured at 1 M customers / 20 M events, both forms of "≥ 2 X in N days and no application in 7 days" side by
 * side (ADR 0021, revised): the set gains at a bound of 0.12–0.14 of the profiles (quote views 30 d: 0.51 →
 * 0.77 s separate; calculator 30 d), is even at 0.36–0.39 (page views, ad clicks 30 d) and loses from 0.43 up
 * (dealer visits 365 d 2.5 s against 1.6 s; ad clicks 60 / 90 d 3.2 / 3.9 s against 1.8 / 2.3 s). 0.25 leaves
 * the planner's error (−26 % … +35 % on these windows) on the right side of both.
 */
export const COMBINED_SET_MAX_SHARE = 0.25;

/** The smallest count an event condition requires (undefined: none), and the count it must stay below (undefined: none). */
function eventBounds(c: EventCondition): { atLeast?: number; below?: number } {
  return ({ gte: { atLeast: c.count }, gt: { atLeast: c.count + 1 }, lt: { below: c.count }, lte: { below: c.count + 1 }, eq: c.count === 0 ? { below: 1 } : { atLeast: c.count, below: c.count + 1 } } as const)[c.op];
}

/**
 * The event conditions of a conjunction that `eventSet` takes together (all those that count something), and
 * those among them that require events (candidate drivers); undefined when it does not apply: fewer than two
 * such conditions or none required.
 */
function combinable(g: RuleGroup): { events: Array<{ c: EventCondition; i: number }>; required: Array<{ c: EventCondition; i: number }> } | undefined {
  if (g.op !== 'and') return undefined;
  const events = g.rules.flatMap((r, i) => ('kind' in r && r.kind === 'event' && !(r.op === 'gte' && r.count <= 0) && !(r.op === 'lt' && r.count <= 0) ? [{ c: r, i }] : []));
  const required = events.filter(({ c }) => (eventBounds(c).atLeast ?? 0) >= 1);
  return events.length < 2 || required.length === 0 ? undefined : { events, required };
}

/**
 * The event conditions that could drive a combined set in the 'own' form of a rule (the required ones of each
 * conjunction that is not under an OR, as `Compiler.group` walks it): the windows worth an estimate.
 */
export function combinedSetCandidates(rule: RuleGroup): EventCondition[] {
  const found: EventCondition[] = [];
  const walk = (g: RuleGroup, underOr: boolean): void => {
    const or = underOr || (g.op === 'or' && g.rules.length > 1);
    if (!or) found.push(...(combinable(g)?.required.map(({ c }) => c) ?? []));
    for (const r of g.rules) if (!('kind' in r)) walk(r, or);
  };
  walk(rule, false);
  return found;
}

/**
 * own: counting over the whole market, for the profiles nothing was merged into — an event condition
 * reads only the profile's own events, as a semi-join over the window's events (an index-only range of
 * customer_events_type_time_customer_idx: the events are append-only, so the scan needs no heap);
 * rows: with the events of the profiles merged into it (correlated lookups by customer_id) — for a few
 * customers after their events changed, and for the profiles that have merged profiles.
 * `matchingProfiles` puts the two together (ADR 0018).
 */
export type CompileMode = 'own' | 'rows';

export interface CompiledRule {
  /** boolean SQL over c, t, ci; `$NOW` is replaced by the evaluation-time parameter */
  where: string;
  params: unknown[];
}

class Compiler {
  readonly params: unknown[] = [];
  /** @param firstParam the number of the first parameter this rule may use (after the evaluation time and any used before). */
  constructor(
    private readonly nowIndex: number,
    private readonly mode: CompileMode,
    private readonly firstParam: number,
    private readonly estimates?: WindowEstimates,
  ) {}

  param(value: unknown, cast: string): string {
    this.params.push(value);
    return `$${this.firstParam + this.params.length - 1}::${cast}`;
  }

  compare(field: Field, op: CompareOp, value: unknown, path: string): string {
    if (field.age === true) {
      const range = this.ageRange(op, value);
      if (range !== undefined) return range;
    }
    const values = Array.isArray(value) ? value : [value];
    const whole = field.int === true && values.every((v) => Number.isSafeInteger(v) && Math.abs(v as number) <= 2_147_483_647);
    const cast = whole ? 'int' : CAST[field.type];
    const expr = field.sql.replaceAll('$NOW', `$${this.nowIndex}`);
    const check = (v: unknown) => {
      const ok = field.type === 'number' ? typeof v === 'number' : field.type === 'bool' ? typeof v === 'boolean' : typeof v === 'string';
      if (!ok) throw new DomainError('VALIDATION_FAILED', `${path}: expects a ${field.type}`, [{ field: `${path}.value`, message: `must be a ${field.type}` }]);
      return v;
    };
    if (op === 'in' || op === 'not_in') {
      if (!Array.isArray(value)) throw new DomainError('VALIDATION_FAILED', `${path}: ${op} needs a list`, [{ field: `${path}.value`, message: `${op} needs a list of values` }]);
      const list = value.map(check);
      // Typed as an array parameter (parsed once when bound). `$n::text::type[]` was parsed again for every row
      // (text → array is an I/O cast, not folded to a constant): 0.2 s of a 1 M-customer scan.
      const p = this.param(`{${list.map((v) => `"${String(v).replace(/[\\"]/g, '\\$&')}"`).join(',')}}`, `${cast}[]`);
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

  /**
   * `age op value` as a range of birth dates, for whole-number bounds: with d the evaluation date,
   * age(d, b) >= n ⇔ b <= (d − n years)::date and age(d, b) < n ⇔ b > (d − n years)::date — also across
   * 29 February (PostgreSQL's `date − interval 'n years'` lands on 28 February exactly when age() has not yet
   * counted the year; segment-age.int.test.ts checks every pair of days over seven years against age()).
   * Only where the accepted ages are all ≥ 1 or the condition is "younger than n ≥ 1": a birth date after
   * d gives age() 0 or negative, which a range over the past cannot reproduce for "= 0" or "between 0 and …".
   * Anything else (fractions, in, neq, bounds ≤ 0) keeps the age() expression. Undefined = not applicable. ADR 0021.
   */
  private ageRange(op: CompareOp, value: unknown): string | undefined {
    const whole = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v <= 200;
    const d = `($${this.nowIndex}::timestamptz)::date`;
    const bornBy = (n: number) => `(c.birth_date <= (${d} - make_interval(years => ${this.param(n, 'int')}))::date)`; // age ≥ n
    const bornAfter = (n: number) => `(c.birth_date > (${d} - make_interval(years => ${this.param(n, 'int')}))::date)`; // age < n
    const lo = (n: number) => n >= 1;
    if (op === 'between') {
      if (!Array.isArray(value) || value.length !== 2 || !whole(value[0]) || !whole(value[1]) || !lo(value[0]) || value[1] < value[0]) return undefined;
      return `(${bornBy(value[0])} AND ${bornAfter(value[1] + 1)})`;
    }
    if (!whole(value)) return undefined;
    switch (op) {
      case 'eq':
        return lo(value) ? `(${bornBy(value)} AND ${bornAfter(value + 1)})` : undefined;
      case 'gte':
        return lo(value) ? bornBy(value) : undefined;
      case 'gt':
        return lo(value + 1) ? bornBy(value + 1) : undefined;
      case 'lt':
        return lo(value) ? bornAfter(value) : undefined;
      case 'lte':
        return lo(value + 1) ? bornAfter(value + 1) : undefined;
      default:
        return undefined;
    }
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
        const window = eventWindow(c, this.nowIndex, (v, cast) => this.param(v, cast));
        // count ≥ n expressed once; every operator is a combination of it (n = 0 is always true).
        const atLeast = (n: number): string => {
          if (n <= 0) return 'TRUE';
          if (this.mode === 'rows') {
            // The profile's own events and those of the profiles merged into it, each an index lookup by customer_id
            // (`customer_id IN (own UNION ALL merged)` was costed as a scan of the window and pulled JIT into every count).
            const own = `FROM customer_events e WHERE e.customer_id = c.id AND ${window}`;
            const merged = `FROM customers m JOIN customer_events e ON e.customer_id = m.id WHERE m.merged_into = c.id AND ${window}`;
            if (n === 1) return `(EXISTS (SELECT 1 ${own}) OR EXISTS (SELECT 1 ${merged}))`;
            return `((SELECT count(*) ${own}) + (SELECT count(*) ${merged}) >= ${this.param(n, 'int')})`;
          }
          // The profile's own events only (matchingProfiles sends profiles with merged ones to 'rows'): a plain
          // semi-join on customer_id, so the planner estimates it from the column's statistics. Joined (a
          // conjunct, or its negation): EXISTS, which becomes a parallel hash semi/anti join over the window.
          // Under an OR it stays a filter; there EXISTS may be run per profile through the primary key (every event
          // of each of a million customers: minutes for "ad click in 365 days OR …"), while IN over the window's
          // customers, grouped — at most one row per profile — is hashed once.
          if (n === 1 && !this.underOr) return `EXISTS (SELECT 1 FROM customer_events e WHERE e.customer_id = c.id AND ${window})`;
          const having = n === 1 ? '' : ` HAVING count(*) >= ${this.param(n, 'int')}`;
          return `(c.id IN (SELECT e.customer_id FROM customer_events e WHERE ${window} GROUP BY e.customer_id${having}))`;
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

  /** Inside an OR of two or more parts: conditions there are filters, not joins (see the own form of an event). */
  private underOr = false;

  group(g: RuleGroup, path: string): string {
    const outer = this.underOr;
    if (g.op === 'or' && g.rules.length > 1) this.underOr = true;
    const combined = g.op === 'and' && !this.underOr && this.mode === 'own' ? this.eventSet(g) : undefined;
    const parts = g.rules.map((r, i) => (combined?.covered.has(i) ? undefined : 'kind' in r ? this.condition(r, `${path}.rules[${i}]`) : this.group(r, `${path}.rules[${i}]`)));
    this.underOr = outer;
    const kept = parts.filter((x): x is string => x !== undefined);
    if (combined) kept.push(combined.sql);
    return `(${kept.join(g.op === 'and' ? ' AND ' : ' OR ')})`;
  }

  /**
   * The event conditions of one conjunction (own mode, not under an OR) as ONE set of customers, when at least
   * two of them count events and one requires some ("≥ 2 calculator uses in 30 days and no quote viewed"):
   * `c.id IN (SELECT d.customer_id FROM <a required window> d WHERE <the others, on d.customer_id>)`. Written
   * separately, each became its own join over every profile, and a per-customer count ("≥ 2") under a parallel
   * plan was rebuilt by every process (three on two cores): 0.80–1.06 s for 8,700 customers at 1 M. As one set
   * the other conditions are checked only for the customers the required window has (46,000 there, 14,700 left
   * after "no quote"), which are then looked up in `customers` by primary key: 0.61–0.72 s. Exact: every part is
   * about the profile's own events, which is all 'own' mode counts (matchingProfiles sends profiles with merged
   * ones to 'rows'). Undefined = not applicable (each condition is then compiled on its own).
   *
   * PostgreSQL has no statistics for this set (it assumes 200 customers), so it always drives from it — slower
   * than the separate joins when the driver covers most of the market ("≥ 2 ad clicks in 365 days and no
   * application in 7 days": 719,000 customers). With the planner's estimates of the candidate windows (a
   * whole-market count asks for them first) the driver is the required window with the fewest customers at
   * most (estimated events ÷ the count it requires), and the set is used only while that bound is at most
   * COMBINED_SET_MAX_SHARE of the profiles. Without estimates (validation, and callers that do not count the
   * market) the driver is the first required count ≥ 2, else the first required one, and the set is always used:
   * the form ADR 0021 measured for the selective rules marketing counts, which the previous callers got.
   */
  private eventSet(g: RuleGroup): { sql: string; covered: Set<number> } | undefined {
    const found = combinable(g);
    if (found === undefined) return undefined;
    const { events, required } = found;
    let driver = required.find(({ c }) => eventBounds(c).atLeast! >= 2) ?? required[0]!;
    const est = this.estimates;
    if (est !== undefined) {
      // a window the estimates do not cover counts as unbounded: never chosen as the driver, never combined
      const customersAtMost = ({ c }: { c: EventCondition }) => (est.events.get(windowKey(c)) ?? Infinity) / eventBounds(c).atLeast!;
      driver = required.reduce((best, x) => (customersAtMost(x) < customersAtMost(best) ? x : best));
      if (!(customersAtMost(driver) <= COMBINED_SET_MAX_SHARE * est.profiles)) return undefined;
    }
    const window = (c: EventCondition): string => eventWindow(c, this.nowIndex, (v, cast) => this.param(v, cast));
    // count ≥ n of the customer d.customer_id: a semi-join (n = 1) or a grouped set (n ≥ 2), as in the own form of an event
    const atLeast = (w: string, n: number) => (n === 1 ? `EXISTS (SELECT 1 FROM customer_events e WHERE e.customer_id = d.customer_id AND ${w})` : `d.customer_id IN (SELECT e.customer_id FROM customer_events e WHERE ${w} GROUP BY e.customer_id HAVING count(*) >= ${this.param(n, 'int')})`);
    const dw = window(driver.c);
    const db = eventBounds(driver.c);
    // the driver's own bounds in one pass: its window's events, grouped when it counts more than "any"
    const having = [...(db.atLeast! >= 2 ? [`count(*) >= ${this.param(db.atLeast, 'int')}`] : []), ...(db.below !== undefined ? [`count(*) < ${this.param(db.below, 'int')}`] : [])];
    const from = having.length === 0 ? `SELECT e.customer_id FROM customer_events e WHERE ${dw}` : `SELECT e.customer_id FROM customer_events e WHERE ${dw} GROUP BY e.customer_id HAVING ${having.join(' AND ')}`;
    const checks: string[] = [];
    for (const { c, i } of events) {
      if (i === driver.i) continue;
      const w = window(c);
      const b = eventBounds(c);
      if (b.atLeast !== undefined && b.atLeast >= 1) checks.push(atLeast(w, b.atLeast));
      if (b.below !== undefined) checks.push(`NOT ${atLeast(w, b.below)}`);
    }
    return { sql: `(c.id IN (SELECT d.customer_id FROM (${from}) d WHERE ${checks.length > 0 ? checks.join(' AND ') : 'TRUE'}))`, covered: new Set(events.map(({ i }) => i)) };
  }
}

/**
 * @param nowIndex the parameter number the caller binds to the evaluation time.
 * @param firstParam the number the rule's own parameters start at (default: right after the time).
 * @param estimates the planner's estimates of the candidate driver windows ('own' mode; see `eventSet`).
 */
export function compileRule(rule: RuleGroup, nowIndex = 1, mode: CompileMode = 'own', firstParam = nowIndex + 1, estimates?: WindowEstimates): CompiledRule {
  const compiler = new Compiler(nowIndex, mode, firstParam, estimates);
  let where = compiler.group(rule, 'rule');
  // Every caller binds the evaluation time; a rule of constants only ("fewer than 0 events") must still use it, or the statement fails.
  if (!new RegExp(`\\$${nowIndex}(?!\\d)`).test(where)) where = `(${where} AND $${nowIndex}::timestamptz IS NOT NULL)`;
  return { where, params: compiler.params };
}

/** The FROM clause every compiled rule is written against. Merged-away profiles are never members. */
export const PROFILE_FROM = `customers c LEFT JOIN customer_traits t ON t.customer_id = c.id LEFT JOIN cities ci ON ci.id = c.city_id`;
export const PROFILE_ACTIVE = `c.merged_into IS NULL`;

/**
 * The active profiles matching a rule at $1 (the evaluation time), as `SELECT c.id, c.created_at …`,
 * and its parameters after $1. Whole-market counts (preview, segment rebuild) use it.
 *
 * Events count for the profile they were merged into (ADR 0008), so a profile's events are its own plus
 * those of the profiles merged into it. Written as one semi-join over "own or merged members' events",
 * the planner cannot estimate the set (a UNION ALL has no statistics; it guessed 200 of 119,000 and
 * chose nested loops over 450,000 customers). So the market is split in two disjoint parts: profiles
 * nothing was merged into (almost all) with plain semi-joins on their own events, and the few profiles
 * that have merged ones, evaluated per profile with their members' events ('rows').
 * `estimates` (window-estimates.ts: `estimateWindows`) decide whether an AND's event conditions form one set.
 */
export function matchingProfiles(rule: RuleGroup, estimates?: WindowEstimates): { sql: string; params: unknown[] } {
  const own = compileRule(rule, 1, 'own', 2, estimates);
  const merged = compileRule(rule, 1, 'rows', 2 + own.params.length);
  const hasMerged = `EXISTS (SELECT 1 FROM customers mm WHERE mm.merged_into = c.id)`;
  return {
    sql: `SELECT c.id, c.created_at FROM ${PROFILE_FROM} WHERE ${PROFILE_ACTIVE} AND NOT ${hasMerged} AND ${own.where}
      UNION ALL
      SELECT c.id, c.created_at FROM ${PROFILE_FROM} WHERE ${PROFILE_ACTIVE} AND c.id IN (SELECT mm.merged_into FROM customers mm WHERE mm.merged_into IS NOT NULL) AND ${merged.where}`,
    params: [...own.params, ...merged.params],
  };
}

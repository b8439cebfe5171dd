import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { bulkInsert, createTestDatabase, type TestDatabase } from '@autofin/db';
import type { CompareOp, RuleGroup } from '@autofin/contracts';
import { countRule } from './membership.repository.ts';
import { compileRule, matchingProfiles } from './segment-sql.ts';

/**
 * Age conditions are compiled to a range of birth dates when the bounds are whole years ≥ 1 (segment-sql.ts
 * ageRange), not to age() per row. Here every operator, at evaluation dates around 29 February in leap and
 * common years and at a year's end, on hand-made birth dates around those days (also 29 February, a birth
 * date after the evaluation date and none at all), must select exactly the profiles PostgreSQL's own
 * `extract(year FROM age(date, birth_date))` selects — the definition, written here as a direct SQL, not
 * through the compiler.
 */
let db: TestDatabase;
const births: Array<string | null> = [null, '2031-01-01', '2027-06-01'];
for (let y = 1990; y <= 2010; y++) {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  births.push(`${y}-02-28`, `${y}-03-01`, `${y}-12-31`, `${y}-01-01`, `${y}-11-23`, `${y}-11-24`);
  if (leap) births.push(`${y}-02-29`);
}
const ids = births.map(() => randomUUID());

beforeAll(async () => {
  db = await createTestDatabase();
  await bulkInsert(db, 'customers', [
    { name: 'id', type: 'uuid', values: ids },
    { name: 'name', type: 'text', values: ids.map((_, i) => `年龄${i}`) },
    { name: 'phone', type: 'text', values: ids.map((_, i) => `137${String(i).padStart(8, '0')}`) },
    { name: 'birth_date', type: 'date', values: births },
    { name: 'source', type: 'text', values: ids.map(() => 'test') },
  ]);
}, 60_000);
afterAll(async () => db?.destroy());

const SQL_OP: Record<Exclude<CompareOp, 'in' | 'not_in' | 'between'>, string> = { eq: '=', neq: 'IS DISTINCT FROM', gt: '>', gte: '>=', lt: '<', lte: '<=' };

/** The members by the definition: age() on the evaluation date, compared in SQL written here. */
async function byDefinition(at: Date, op: CompareOp, value: number | number[]): Promise<string[]> {
  const age = `extract(year FROM age(($1::timestamptz)::date, c.birth_date))`;
  const cond =
    op === 'between'
      ? `${age} BETWEEN $2 AND $3`
      : op === 'in'
        ? `${age} = ANY($2::numeric[])`
        : op === 'not_in'
          ? `(${age} IS NULL OR NOT ${age} = ANY($2::numeric[]))`
          : `${age} ${SQL_OP[op]} $2`;
  const params = op === 'between' ? (value as number[]) : Array.isArray(value) ? [`{${value.join(',')}}`] : [value];
  const rows = await db.query<{ id: string }>(`SELECT c.id FROM customers c WHERE c.merged_into IS NULL AND ${cond} ORDER BY c.id`, [at.toISOString(), ...params]);
  return rows.map((r) => r.id);
}

async function compiled(at: Date, rule: RuleGroup): Promise<string[]> {
  const { sql, params } = matchingProfiles(rule);
  return (await db.query<{ id: string }>(`SELECT id FROM (${sql}) m ORDER BY id`, [at.toISOString(), ...params])).map((r) => r.id);
}

const ageRule = (op: CompareOp, value: number | number[]): RuleGroup => ({ op: 'and', rules: [{ kind: 'attribute', field: 'age', op, value }] });

// 2028 is a leap year, 2027 is not; 11-23 12:00 UTC and 12-31 23:30 UTC as ordinary days.
const DATES = ['2027-02-28T12:00:00Z', '2027-03-01T00:00:00Z', '2028-02-28T12:00:00Z', '2028-02-29T12:00:00Z', '2028-03-01T12:00:00Z', '2026-11-23T12:00:00Z', '2026-12-31T23:30:00Z'];
const CASES: Array<[CompareOp, number | number[]]> = [
  ['between', [22, 35]],
  ['between', [18, 18]],
  ['between', [0, 20]], // a lower bound of 0: the age() form (a birth date after the evaluation date has age 0)
  ['eq', 25],
  ['eq', 0],
  ['gte', 18],
  ['gte', 1],
  ['gt', 25],
  ['gt', 0],
  ['gt', 25.5], // a fraction: the age() form
  ['lt', 30],
  ['lt', 1],
  ['lte', 30],
  ['lte', 0],
  ['neq', 25],
  ['in', [20, 30]],
  ['not_in', [20, 30]],
];

describe('segment age conditions: birth-date ranges = age() on the evaluation date', () => {
  it.each(DATES)('every operator at %s', async (iso) => {
    const at = new Date(iso);
    for (const [op, value] of CASES) {
      const expected = await byDefinition(at, op, value);
      expect({ op, value, members: await compiled(at, ageRule(op, value)) }).toEqual({ op, value, members: expected });
    }
  });

  it('writes whole-year bounds as a birth-date range (no age() per row) and keeps age() otherwise', () => {
    expect(compileRule(ageRule('between', [22, 35])).where).not.toContain('age(');
    expect(compileRule(ageRule('between', [22, 35])).where).toContain('c.birth_date <=');
    expect(compileRule(ageRule('gte', 18)).where).not.toContain('age(');
    expect(compileRule(ageRule('between', [0, 20])).where).toContain('age(');
    expect(compileRule(ageRule('gt', 25.5)).where).toContain('age(');
    expect(compileRule(ageRule('in', [20, 30])).where).toContain('age(');
  });

  it('the 22–35 count at 2028-02-29 by hand: born 1992-03-01 … 2006-02-28 (inclusive)', async () => {
    // Turned 22 by 2028-02-29: born on or before 2006-02-28 (2006-03-01 is still 21). Not yet 36: born after
    // 1992-02-29 — someone born on 1992-02-29 turns 36 on 2028-02-29. In the list: for 1993 … 2005 all six
    // dates (13 × 6 = 78), plus 1996-02-29, 2000-02-29 and 2004-02-29 (3), plus 1992-03-01, 1992-11-23,
    // 1992-11-24, 1992-12-31 (4), plus 2006-01-01 and 2006-02-28 (2) = 87.
    const at = new Date('2028-02-29T12:00:00Z');
    expect((await countRule(db, ageRule('between', [22, 35]), at, 0)).count).toBe(87);
  });
});

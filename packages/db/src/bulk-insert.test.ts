import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkInsert, arrayLiteral } from './bulk-insert.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

describe('bulkInsert', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.query(
      'CREATE TABLE bulk_t (id uuid, name text, n int4, big int8, x float8, ok bool, d date, at timestamptz, j jsonb)',
    );
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('builds array literals with quoting and NULLs', () => {
    expect(arrayLiteral([1, null, 3])).toBe('{1,NULL,3}');
    expect(arrayLiteral(['a"b', 'c\\d', 'NULL', '{x,y}'])).toBe('{"a\\"b","c\\\\d","NULL","{x,y}"}');
    expect(arrayLiteral([true, false])).toBe('{t,f}');
  });

  it('round-trips every column type across chunks, including awkward text', async () => {
    const n = 2_503;
    const ids = Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`);
    const names = ids.map((_, i) => (i % 7 === 0 ? null : i % 5 === 0 ? `张"三\\${i},{}` : `李四${i}`));
    const inserted = await bulkInsert(
      db,
      'bulk_t',
      [
        { name: 'id', type: 'uuid', values: ids },
        { name: 'name', type: 'text', values: names },
        { name: 'n', type: 'int4', values: ids.map((_, i) => i) },
        { name: 'big', type: 'int8', values: ids.map((_, i) => 9_007_199_254_740_000 + (i % 991)) },
        { name: 'x', type: 'float8', values: ids.map((_, i) => i / 3) },
        { name: 'ok', type: 'bool', values: ids.map((_, i) => i % 2 === 0) },
        { name: 'd', type: 'date', values: ids.map(() => '2026-01-31') },
        { name: 'at', type: 'timestamptz', values: ids.map(() => '2026-01-31T08:00:00.000Z') },
        { name: 'j', type: 'jsonb', values: ids.map((_, i) => JSON.stringify({ i, s: 'a"b' })) },
      ],
      { chunkSize: 1_000 },
    );
    expect(inserted).toBe(n);
    const [agg] = await db.query<{ c: number; nulls: number; big: string; odd: string; j: number }>(
      `SELECT count(*)::int c, count(*) FILTER (WHERE name IS NULL)::int nulls, max(big)::text big,
              (SELECT name FROM bulk_t WHERE n = 5) odd, sum((j->>'i')::int)::int j FROM bulk_t`,
    );
    expect(agg).toEqual({ c: n, nulls: Math.ceil(n / 7), big: String(9_007_199_254_740_990), odd: '张"三\\5,{}', j: (n * (n - 1)) / 2 });
  });

  it('sends constant columns once and gives every row of every chunk the same value (NULL too)', async () => {
    await db.query('CREATE TABLE bulk_c (n int4, tag text, at timestamptz, gone text, PRIMARY KEY (n))');
    const n = 1_201;
    await bulkInsert(db, 'bulk_c', [{ name: 'n', type: 'int4', values: Array.from({ length: n }, (_, i) => i) }], {
      chunkSize: 500,
      constants: [
        { name: 'tag', type: 'text', value: 'launch "7"' },
        { name: 'at', type: 'timestamptz', value: '2026-11-22T02:00:00.000Z' },
        { name: 'gone', type: 'text', value: null },
      ],
    });
    // Three chunks (500 + 500 + 201): every row must carry the constants, none may be NULL but `gone`.
    const [agg] = await db.query<{ c: number; tags: number; ats: number; gone: number }>(
      `SELECT count(*)::int c, count(*) FILTER (WHERE tag = 'launch "7"')::int tags,
              count(*) FILTER (WHERE at = '2026-11-22 10:00+08')::int ats, count(gone)::int gone FROM bulk_c`,
    );
    expect(agg).toEqual({ c: n, tags: n, ats: n, gone: 0 });
    // ON CONFLICT still applies with constants present: a repeat inserts nothing.
    await bulkInsert(db, 'bulk_c', [{ name: 'n', type: 'int4', values: [0, 1, 2] }], { constants: [{ name: 'tag', type: 'text', value: 'again' }], onConflict: 'ON CONFLICT (n) DO NOTHING' });
    expect((await db.query<{ c: number }>(`SELECT count(*)::int c FROM bulk_c WHERE tag = 'again'`))[0]!.c).toBe(0);
  });
});

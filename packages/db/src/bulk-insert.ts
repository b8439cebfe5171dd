import type { Database } from './database.ts';

/** The Postgres types a bulk column can have (the element type of the array it is sent as). */
export type BulkColumnType = 'text' | 'int2' | 'int4' | 'int8' | 'float8' | 'bool' | 'uuid' | 'date' | 'timestamptz' | 'jsonb';

export type BulkValue = string | number | boolean | null;

export interface BulkColumn {
  name: string;
  type: BulkColumnType;
  /** One value per row; jsonb values are JSON text; dates/timestamps ISO strings. */
  values: readonly BulkValue[];
}

export interface BulkInsertOptions {
  /** Rows per statement (default 5,000): bounds the size of one parameter. */
  chunkSize?: number;
  /** Appended after the INSERT, e.g. 'ON CONFLICT DO NOTHING'. */
  onConflict?: string;
  /**
   * Columns with the same value in every row, sent once as a scalar parameter instead of an array of
   * n copies: a million-row launch's campaign id, channel and timestamps need not be parsed a million
   * times.
   */
  constants?: readonly BulkConstant[];
}

export interface BulkConstant {
  name: string;
  type: BulkColumnType;
  value: BulkValue;
}

/** Anything that runs parameterised SQL: a Database, or a wrapper around one connection. */
export type SqlRunner = Pick<Database, 'query'>;

/**
 * Inserts many rows with one statement per chunk: every column travels as ONE parameter, a Postgres
 * array literal in text, and the rows are rebuilt by `unnest` (DESIGN.md rule 6: no row-at-a-time).
 * Sending the literal as text (`$1::text::int8[]`) makes PGlite and node-postgres behave identically,
 * because neither driver has to guess how to serialise a JS array.
 */
export async function bulkInsert(db: SqlRunner, table: string, columns: readonly BulkColumn[], options: BulkInsertOptions = {}): Promise<number> {
  if (columns.length === 0) return 0;
  const rows = columns[0]!.values.length;
  for (const c of columns) {
    if (c.values.length !== rows) throw new Error(`bulkInsert ${table}: column ${c.name} has ${c.values.length} values, expected ${rows}`);
  }
  const chunk = Math.max(1, options.chunkSize ?? 5_000);
  const constants = options.constants ?? [];
  const names = [...columns, ...constants].map((c) => quoteIdent(c.name)).join(', ');
  const arrays = columns.map((c, i) => `$${i + 1}::text::${c.type}[]`).join(', ');
  const scalars = constants.map((c, i) => `, $${columns.length + i + 1}::text::${c.type}`).join('');
  const text = `INSERT INTO ${quoteIdent(table)} (${names}) SELECT u.*${scalars} FROM unnest(${arrays}) AS u${options.onConflict ? ` ${options.onConflict}` : ''}`;
  const scalarValues = constants.map((c) => (c.value === null ? null : String(c.value)));
  for (let start = 0; start < rows; start += chunk) {
    const end = Math.min(rows, start + chunk);
    await db.query(text, [...columns.map((c) => arrayLiteral(c.values, start, end)), ...scalarValues]);
  }
  return rows;
}

function quoteIdent(name: string): string {
  return name
    .split('.')
    .map((part) => `"${part.replace(/"/g, '""')}"`)
    .join('.');
}

/** A Postgres array literal of values[start, end): numbers and booleans bare, everything else quoted. */
export function arrayLiteral(values: readonly BulkValue[], start = 0, end = values.length): string {
  const parts: string[] = new Array<string>(end - start);
  for (let i = start; i < end; i++) {
    const v = values[i];
    let s: string;
    if (v === null || v === undefined) s = 'NULL';
    else if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error(`bulkInsert: non-finite number ${v}`);
      s = String(v);
    } else if (typeof v === 'boolean') s = v ? 't' : 'f';
    else s = `"${v.replace(/[\\"]/g, '\\$&')}"`;
    parts[i - start] = s;
  }
  return `{${parts.join(',')}}`;
}

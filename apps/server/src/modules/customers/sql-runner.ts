import { sql, type DbOrTx, type SQL, type SqlRunner } from '@autofin/db';

/** Rows of a raw query, as node-postgres and PGlite both return them. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/**
 * Runs `$1 … $n` parameterised SQL on a Drizzle database or transaction, so set-based statements and
 * bulkInsert take part in the caller's transaction. The text is always our own; values only ever
 * travel as parameters.
 */
export function runnerOf(db: DbOrTx): SqlRunner {
  return {
    async query<Row>(text: string, params: unknown[] = []): Promise<Row[]> {
      return rowsOf<Row>(await db.execute(toSql(text, params)));
    },
  } as SqlRunner;
}

export function toSql(text: string, params: readonly unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) {
      if (parts[i]) chunks.push(sql.raw(parts[i]!));
    } else {
      chunks.push(sql`${params[Number(parts[i]) - 1]}`);
    }
  }
  return sql.join(chunks, sql.raw(''));
}

import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The Drizzle handle, the same type whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Repositories take either the database or a transaction (DESIGN.md: optional transaction). */
export type DbOrTx = Db | Tx;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /** Where the data lives, for banners and logs (never includes a password). */
  readonly description: string;
  readonly db: Db;
  /** Plain parameterised SQL ($1, $2 …) for set-based and bulk work. */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Runs `fn` with a session-level advisory lock held (used around migrations and seeding). */
  withLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… : use a PostgreSQL server. Without it, embedded PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; `memory://` (or omitted with no url) keeps it in memory. */
  dataDir?: string | undefined;
  poolSize?: number;
}

export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return createPostgres(options.url, options.poolSize ?? 10);
  return createPglite(options.dataDir ?? 'memory://');
}

async function createPglite(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    kind: 'pglite',
    description: dataDir.startsWith('memory://') ? 'embedded PostgreSQL (PGlite, in memory)' : `embedded PostgreSQL (PGlite) in ${dataDir}`,
    db,
    async query<Row>(text: string, params: unknown[] = []) {
      const res = await client.query<Row>(text, params);
      return res.rows;
    },
    // PGlite is a single connection in one process: there is nobody to lock against.
    async withLock<T>(_key: number, fn: () => Promise<T>) {
      return fn();
    },
    async close() {
      await client.close();
    },
  };
}

async function createPostgres(url: string, poolSize: number): Promise<Database> {
  // int8 and numeric arrive as strings from node-postgres; we cast in SQL where a number is wanted.
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => {
    /* an idle client died; the pool replaces it */
  });
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  const safe = new URL(url);
  return {
    kind: 'postgres',
    description: `PostgreSQL at ${safe.hostname}:${safe.port || '5432'}${safe.pathname}`,
    db,
    async query<Row>(text: string, params: unknown[] = []) {
      const res = await pool.query(text, params);
      return res.rows as Row[];
    },
    async withLock<T>(key: number, fn: () => Promise<T>) {
      const conn = await pool.connect();
      try {
        await conn.query('SELECT pg_advisory_lock($1)', [key]);
        try {
          return await fn();
        } finally {
          await conn.query('SELECT pg_advisory_unlock($1)', [key]);
        }
      } finally {
        conn.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

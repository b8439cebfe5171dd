import { and, desc, eq, schema, sql, type DbOrTx } from '@autofin/db';
import type { GridStatus, GridSummary, PricingGrid, StoredGrid } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import { conflictOnUnique } from '../products/unique-violation.ts';

type Row = typeof schema.pricingGrids.$inferSelect;

function toStored(row: Row): StoredGrid {
  return {
    gridId: row.gridId,
    version: row.version,
    status: row.status as GridStatus,
    grid: row.grid as PricingGrid,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    publishedBy: row.publishedBy,
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

// Active and retired versions never change, so their parsed grids are kept by id and version.
const published = new Map<string, PricingGrid>();

export async function listGrids(db: DbOrTx): Promise<GridSummary[]> {
  const rows = await db.select().from(schema.pricingGrids).orderBy(schema.pricingGrids.gridId, desc(schema.pricingGrids.version));
  return rows.map((r) => {
    const { grid, ...rest } = toStored(r);
    return { ...rest, description: grid.description ?? null, effectiveFrom: grid.effectiveFrom, products: grid.products.map((p) => p.code) };
  });
}

export async function findGrid(db: DbOrTx, gridId: string, version: number): Promise<StoredGrid | null> {
  const rows = await db
    .select()
    .from(schema.pricingGrids)
    .where(and(eq(schema.pricingGrids.gridId, gridId), eq(schema.pricingGrids.version, version)));
  return rows[0] ? toStored(rows[0]) : null;
}

export async function getGrid(db: DbOrTx, gridId: string, version: number): Promise<StoredGrid> {
  const found = await findGrid(db, gridId, version);
  if (!found) throw new DomainError('NOT_FOUND', `no pricing grid ${gridId} v${version}`);
  return found;
}

export async function findActiveGridRecord(db: DbOrTx): Promise<StoredGrid | null> {
  const rows = await db.select().from(schema.pricingGrids).where(eq(schema.pricingGrids.status, 'active'));
  return rows[0] ? toStored(rows[0]) : null;
}

/**
 * Which grid is active changes only on a publish, and every quote asks: the answer is kept in the
 * process for at most ACTIVE_GRID_TTL_MS (per database) and dropped at once by an activation here.
 * Another instance's publish shows here within the TTL; so, at worst, does a publish on this
 * instance that commits while a reload is in flight.
 */
export const ACTIVE_GRID_TTL_MS = 2_000;
let activationGeneration = 0;
const activeCache = new WeakMap<object, { at: number; generation: number; grid: Promise<PricingGrid> }>();

async function loadActiveGrid(db: DbOrTx): Promise<PricingGrid> {
  const rows = await db
    .select({ gridId: schema.pricingGrids.gridId, version: schema.pricingGrids.version })
    .from(schema.pricingGrids)
    .where(eq(schema.pricingGrids.status, 'active'));
  const head = rows[0];
  if (!head) throw new DomainError('NOT_READY', 'No pricing grid has been published yet.');
  const key = `${head.gridId}@${head.version}`;
  const cached = published.get(key);
  if (cached) return cached;
  const record = await getGrid(db, head.gridId, head.version);
  published.set(key, record.grid);
  return record.grid;
}

/** The grid quotes price off. Fails with NOT_READY when no grid has been published yet (not kept). */
export async function getActiveGrid(db: DbOrTx): Promise<PricingGrid> {
  const now = Date.now();
  let entry = activeCache.get(db);
  if (!entry || entry.generation !== activationGeneration || now - entry.at > ACTIVE_GRID_TTL_MS) {
    const fresh = { at: now, generation: activationGeneration, grid: loadActiveGrid(db) };
    activeCache.set(db, fresh);
    fresh.grid.catch(() => {
      if (activeCache.get(db) === fresh) activeCache.delete(db);
    });
    entry = fresh;
  }
  return entry.grid;
}

export async function nextGridVersion(db: DbOrTx, gridId: string): Promise<number> {
  const rows = await db
    .select({ v: sql<number>`coalesce(max(${schema.pricingGrids.version}), 0)::int` })
    .from(schema.pricingGrids)
    .where(eq(schema.pricingGrids.gridId, gridId));
  return Number(rows[0]?.v ?? 0) + 1;
}

export async function insertGrid(db: DbOrTx, grid: PricingGrid, status: GridStatus, by: string | null): Promise<StoredGrid> {
  if (status === 'active') activationGeneration++;
  const now = new Date();
  const rows = await db
    .insert(schema.pricingGrids)
    .values({
      gridId: grid.id,
      version: grid.version,
      status,
      grid,
      createdBy: by,
      createdAt: now,
      publishedBy: status === 'active' ? by : null,
      publishedAt: status === 'active' ? now : null,
    })
    .onConflictDoNothing()
    .returning();
  if (!rows[0]) throw new DomainError('CONFLICT', `pricing grid ${grid.id} v${grid.version} was just created by someone else`);
  return toStored(rows[0]);
}

export async function updateDraftGrid(db: DbOrTx, gridId: string, version: number, grid: PricingGrid): Promise<StoredGrid> {
  const rows = await db
    .update(schema.pricingGrids)
    .set({ grid })
    .where(and(eq(schema.pricingGrids.gridId, gridId), eq(schema.pricingGrids.version, version), eq(schema.pricingGrids.status, 'draft')))
    .returning();
  if (!rows[0]) throw new DomainError('PRICING_GRID_NOT_DRAFT', `pricing grid ${gridId} v${version} is not a draft`);
  return toStored(rows[0]);
}

/** Retires the active version and activates this draft, in the caller's transaction. */
export async function activateGrid(db: DbOrTx, gridId: string, version: number, by: string | null): Promise<StoredGrid> {
  activationGeneration++;
  await db.update(schema.pricingGrids).set({ status: 'retired' }).where(eq(schema.pricingGrids.status, 'active'));
  const rows = await conflictOnUnique('another grid was published at the same moment: reload and try again', () =>
    db
      .update(schema.pricingGrids)
      .set({ status: 'active', publishedBy: by, publishedAt: new Date() })
      .where(and(eq(schema.pricingGrids.gridId, gridId), eq(schema.pricingGrids.version, version), eq(schema.pricingGrids.status, 'draft')))
      .returning(),
  );
  if (!rows[0]) throw new DomainError('PRICING_GRID_NOT_DRAFT', `pricing grid ${gridId} v${version} is not a draft`);
  activationGeneration++;
  return toStored(rows[0]);
}

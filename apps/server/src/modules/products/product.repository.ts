import { and, desc, eq, schema, sql, type DbOrTx } from '@autofin/db';
import type { ProductDefinition, ProductStatus, ProductSummary, ProductVersionRecord } from '@autofin/contracts';
import { DomainError, isEffectiveOn, type SellableProduct } from '@autofin/domain';
import { conflictOnUnique } from './unique-violation.ts';

type Row = typeof schema.productVersions.$inferSelect;

function toRecord(row: Row): ProductVersionRecord {
  return {
    code: row.code,
    version: row.version,
    status: row.status as ProductStatus,
    definition: row.definition as ProductDefinition,
    rulebookVersion: row.rulebookVersion,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    publishedBy: row.publishedBy,
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

export async function countProducts(db: DbOrTx): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(schema.productVersions);
  return Number(rows[0]?.n ?? 0);
}

/** One row per product code: its published version, its draft, its newest version. */
export async function listProducts(db: DbOrTx, today: string): Promise<ProductSummary[]> {
  const rows = await db.select().from(schema.productVersions).orderBy(schema.productVersions.code, desc(schema.productVersions.version));
  const byCode = new Map<string, Row[]>();
  for (const r of rows) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r]);
  return [...byCode.entries()].map(([code, versions]) => {
    const latest = versions[0]!;
    const published = versions.find((v) => v.status === 'published');
    const draft = versions.find((v) => v.status === 'draft');
    const shown = (published ?? latest).definition as ProductDefinition;
    return {
      code,
      name: shown.name,
      type: shown.type,
      vehicleCategories: shown.vehicleCategories,
      publishedVersion: published?.version ?? null,
      draftVersion: draft?.version ?? null,
      latestVersion: latest.version,
      sellable: published !== undefined && isEffectiveOn(published.definition as ProductDefinition, today),
      effectiveFrom: shown.effectiveFrom,
      effectiveTo: shown.effectiveTo ?? null,
    };
  });
}

export async function productVersions(db: DbOrTx, code: string): Promise<ProductVersionRecord[]> {
  const rows = await db.select().from(schema.productVersions).where(eq(schema.productVersions.code, code)).orderBy(desc(schema.productVersions.version));
  return rows.map(toRecord);
}

export async function getProductVersion(db: DbOrTx, code: string, version: number): Promise<ProductVersionRecord> {
  const rows = await db
    .select()
    .from(schema.productVersions)
    .where(and(eq(schema.productVersions.code, code), eq(schema.productVersions.version, version)));
  if (!rows[0]) throw new DomainError('NOT_FOUND', `no product ${code} v${version}`);
  return toRecord(rows[0]);
}

/** A new draft version of a product (version 1 of a new code). One open draft per code. */
export async function insertDraft(db: DbOrTx, def: ProductDefinition, by: string | null): Promise<ProductVersionRecord> {
  const existing = await db
    .select({ version: schema.productVersions.version, status: schema.productVersions.status })
    .from(schema.productVersions)
    .where(eq(schema.productVersions.code, def.code))
    .orderBy(desc(schema.productVersions.version))
    .for('update');
  const draft = existing.find((e) => e.status === 'draft');
  if (draft) throw new DomainError('CONFLICT', `${def.code} already has a draft (v${draft.version}): change that one`);
  const version = (existing[0]?.version ?? 0) + 1;
  const rows = await db
    .insert(schema.productVersions)
    .values({ code: def.code, version, status: 'draft', definition: def, createdBy: by })
    .onConflictDoNothing()
    .returning();
  // Two drafts of a new code at once: the second finds the first's row.
  if (!rows[0]) throw new DomainError('CONFLICT', `${def.code} v${version} was just created by someone else: reload and edit it`);
  return toRecord(rows[0]);
}

export async function updateDraft(db: DbOrTx, code: string, version: number, def: ProductDefinition): Promise<ProductVersionRecord> {
  const rows = await db
    .update(schema.productVersions)
    .set({ definition: def })
    .where(and(eq(schema.productVersions.code, code), eq(schema.productVersions.version, version), eq(schema.productVersions.status, 'draft')))
    .returning();
  if (!rows[0]) throw new DomainError('PRODUCT_NOT_DRAFT', `${code} v${version} is not a draft`);
  return toRecord(rows[0]);
}

/** Supersedes the published version (if any) and publishes this draft, in the caller's transaction. */
export async function publishDraft(db: DbOrTx, code: string, version: number, rulebookVersion: string, by: string | null): Promise<ProductVersionRecord> {
  publishGeneration++;
  await db
    .update(schema.productVersions)
    .set({ status: 'superseded' })
    .where(and(eq(schema.productVersions.code, code), eq(schema.productVersions.status, 'published')));
  const rows = await conflictOnUnique(`another version of ${code} was published at the same moment: reload and try again`, () =>
    db
      .update(schema.productVersions)
      .set({ status: 'published', rulebookVersion, publishedBy: by, publishedAt: new Date() })
      .where(and(eq(schema.productVersions.code, code), eq(schema.productVersions.version, version), eq(schema.productVersions.status, 'draft')))
      .returning(),
  );
  if (!rows[0]) throw new DomainError('PRODUCT_NOT_DRAFT', `${code} v${version} is not a draft`);
  publishGeneration++;
  return toRecord(rows[0]);
}

/**
 * Every quote reads the published versions, which change only on a publish: they are kept in the
 * process for at most SELLABLE_TTL_MS (per database) and dropped at once by a publish here. Another
 * instance's publish shows here within the TTL; so, at worst, does a publish on this instance that
 * commits while a reload is in flight. Dates are checked on every call, not cached.
 */
export const SELLABLE_TTL_MS = 2_000;
let publishGeneration = 0;
const publishedCache = new WeakMap<object, { at: number; generation: number; rows: Promise<SellableProduct[]> }>();

function loadPublished(db: DbOrTx): Promise<SellableProduct[]> {
  return db
    .select({ version: schema.productVersions.version, definition: schema.productVersions.definition })
    .from(schema.productVersions)
    .where(eq(schema.productVersions.status, 'published'))
    .then((rows) => rows.map((r) => ({ version: r.version, definition: r.definition as ProductDefinition })));
}

/** Published products within their effective period on `today`: what quotes may sell. */
export async function sellableProducts(db: DbOrTx, today: string): Promise<SellableProduct[]> {
  const now = Date.now();
  let entry = publishedCache.get(db);
  if (!entry || entry.generation !== publishGeneration || now - entry.at > SELLABLE_TTL_MS) {
    const fresh = { at: now, generation: publishGeneration, rows: loadPublished(db) };
    publishedCache.set(db, fresh);
    fresh.rows.catch(() => {
      if (publishedCache.get(db) === fresh) publishedCache.delete(db);
    });
    entry = fresh;
  }
  return (await entry.rows).filter((p) => isEffectiveOn(p.definition, today));
}

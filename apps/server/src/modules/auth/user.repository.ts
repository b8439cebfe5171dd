import { count, eq, schema, sql, type DbOrTx } from '@autofin/db';
import type { Role } from '@autofin/contracts';

export type UserRow = typeof schema.users.$inferSelect;

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | null> {
  const rows = await db
    .select()
    .from(schema.users)
    .where(eq(sql`lower(${schema.users.email})`, email.trim().toLowerCase()))
    .limit(1);
  return rows[0] ?? null;
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const rows = await db.select({ n: count() }).from(schema.users);
  return Number(rows[0]?.n ?? 0);
}

export async function insertUser(
  db: DbOrTx,
  user: { email: string; name: string; passwordHash: string; roles: Role[]; locale?: 'zh-CN' | 'en-US'; isDemo: boolean },
): Promise<UserRow> {
  const rows = await db
    .insert(schema.users)
    .values({ ...user, email: user.email.toLowerCase(), locale: user.locale ?? 'zh-CN' })
    .returning();
  const row = rows[0];
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function touchLastLogin(db: DbOrTx, userId: string, at: Date): Promise<void> {
  await db.update(schema.users).set({ lastLoginAt: at }).where(eq(schema.users.id, userId));
}

export async function hasDemoUsers(db: DbOrTx): Promise<boolean> {
  const rows = await db.select({ n: count() }).from(schema.users).where(eq(schema.users.isDemo, true));
  return Number(rows[0]?.n ?? 0) > 0;
}

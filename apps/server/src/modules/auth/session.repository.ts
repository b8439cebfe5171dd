import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, schema, type DbOrTx } from '@autofin/db';
import { roleSchema, type User } from '@autofin/contracts';

export const SESSION_COOKIE = 'autofin_session';

/** The cookie carries a random token; only its SHA-256 is stored, so a database leak gives no sessions. */
function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function toUser(row: typeof schema.users.$inferSelect): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles.flatMap((r) => {
      const parsed = roleSchema.safeParse(r);
      return parsed.success ? [parsed.data] : [];
    }),
    locale: row.locale === 'en-US' ? 'en-US' : 'zh-CN',
  };
}

export async function createSession(
  db: DbOrTx,
  input: { userId: string; now: Date; hours: number; userAgent?: string | undefined; ip?: string | undefined },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(input.now.getTime() + input.hours * 3_600_000);
  await db.insert(schema.sessions).values({
    tokenHash: tokenHash(token),
    userId: input.userId,
    createdAt: input.now,
    expiresAt,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
    ip: input.ip ?? null,
  });
  return { token, expiresAt };
}

export async function findSessionUser(db: DbOrTx, token: string, now: Date): Promise<User | null> {
  const rows = await db
    .select({ user: schema.users })
    .from(schema.sessions)
    .innerJoin(schema.users, eq(schema.users.id, schema.sessions.userId))
    .where(and(eq(schema.sessions.tokenHash, tokenHash(token)), gt(schema.sessions.expiresAt, now), eq(schema.users.active, true)))
    .limit(1);
  const row = rows[0];
  return row ? toUser(row.user) : null;
}

export async function deleteSession(db: DbOrTx, token: string): Promise<void> {
  await db.delete(schema.sessions).where(eq(schema.sessions.tokenHash, tokenHash(token)));
}

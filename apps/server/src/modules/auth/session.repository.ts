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

/**
 * How long this process may answer a session from memory instead of the database (ADR 0005).
 * Logout on this instance drops the entry at once (deleteSession), as does forgetUserSessions for a
 * user deactivated or given other roles here; a session ended, or a user changed, by another
 * instance or directly in the database is honoured here within this bound. Expiry is checked on
 * every request against the stored expires_at, never extended by the cache.
 */
export const SESSION_CACHE_TTL_MS = 3_000;
/** Enough for every signed-in console user of a lender; beyond it the oldest entries go first. */
const SESSION_CACHE_MAX = 10_000;

interface CachedSession {
  user: User;
  expiresAt: number;
  loadedAt: number;
}
/**
 * One map for the process, keyed by the token's hash: tokens are 256-bit random, so sessions of
 * different databases (tests) never meet, and a logout through a transaction handle invalidates too.
 */
const sessionCache = {
  entries: new Map<string, CachedSession>(),
  /** Bumped by every invalidation: a lookup that was in flight across one is not cached. */
  generation: 0,
};

/** The signed-in user for a session token, or null (unknown, expired, or the user is inactive). */
export async function findSessionUser(db: DbOrTx, token: string, now: Date): Promise<User | null> {
  const hash = tokenHash(token);
  const cache = sessionCache;
  const at = now.getTime();
  const hit = cache.entries.get(hash);
  if (hit && at - hit.loadedAt < SESSION_CACHE_TTL_MS && at >= hit.loadedAt && at < hit.expiresAt) return hit.user;
  if (hit) cache.entries.delete(hash);
  const generation = cache.generation;
  const rows = await db
    .select({ user: schema.users, expiresAt: schema.sessions.expiresAt })
    .from(schema.sessions)
    .innerJoin(schema.users, eq(schema.users.id, schema.sessions.userId))
    .where(and(eq(schema.sessions.tokenHash, hash), gt(schema.sessions.expiresAt, now), eq(schema.users.active, true)))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  // Frozen: the same object answers every request of the session while it is cached.
  const user = toUser(row.user);
  Object.freeze(user.roles);
  Object.freeze(user);
  // Only answers that no logout or user change on this instance overtook are kept; unknown tokens
  // are never kept (a stream of made-up cookies must not fill the memory).
  if (cache.generation === generation) {
    if (cache.entries.size >= SESSION_CACHE_MAX) cache.entries.delete(cache.entries.keys().next().value!);
    cache.entries.set(hash, { user, expiresAt: row.expiresAt.getTime(), loadedAt: at });
  }
  return user;
}

/** Ends a session: the row is deleted and this process forgets it at once. */
export async function deleteSession(db: DbOrTx, token: string): Promise<void> {
  const hash = tokenHash(token);
  // Before and after: a lookup that starts before the DELETE commits may still read the row, and
  // the second bump keeps it from being cached.
  forgetSession(hash);
  await db.delete(schema.sessions).where(eq(schema.sessions.tokenHash, hash));
  forgetSession(hash);
}

function forgetSession(hash: string): void {
  sessionCache.generation++;
  sessionCache.entries.delete(hash);
}

/**
 * Drops every cached session of a user: call it after deactivating a user or changing their
 * roles (after the change is committed), so this instance stops honouring the old state at once.
 */
export function forgetUserSessions(userId: string): void {
  sessionCache.generation++;
  for (const [hash, entry] of sessionCache.entries) if (entry.user.id === userId) sessionCache.entries.delete(hash);
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { demoInfoSchema, loginRequestSchema, meResponseSchema, problemSchema } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import { UNKNOWN_USER_HASH, verifyPassword } from './password.ts';
import { SESSION_COOKIE, createSession, deleteSession, toUser } from './session.repository.ts';
import { findUserByEmail, hasDemoUsers, touchLastLogin } from './user.repository.ts';
import { countRecentFailedLogins, recordAudit } from '../audit/audit.repository.ts';
import { userActor } from '../audit/user-actor.ts';

const MAX_FAILED_LOGINS = 10;
const LOCKOUT_WINDOW_MS = 15 * 60_000;

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: app.config.cookieSecure };

  app.post(
    '/login',
    {
      schema: {
        body: loginRequestSchema,
        response: { 200: meResponseSchema, 401: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const now = new Date();
      const email = request.body.email.toLowerCase();
      // Throttle guessing across every instance: the failed attempts are already in the audit log.
      const failures = await countRecentFailedLogins(app.database.db, email, new Date(now.getTime() - LOCKOUT_WINDOW_MS));
      if (failures >= MAX_FAILED_LOGINS) {
        throw new DomainError('RATE_LIMITED', `Too many failed sign-ins for this e-mail. Try again in ${LOCKOUT_WINDOW_MS / 60_000} minutes.`);
      }
      const user = await findUserByEmail(app.database.db, email);
      // Verify against a dummy hash for unknown users so the response time does not reveal which e-mails exist.
      const ok = await verifyPassword(request.body.password, user?.passwordHash ?? UNKNOWN_USER_HASH);
      if (!user || !ok || !user.active) {
        await recordAudit(app.database.db, {
          actor: { type: 'system', label: email },
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: user?.id ?? null,
          after: { email, ip: request.ip },
          requestId: String(request.id),
        });
        throw new DomainError('INVALID_CREDENTIALS', 'The e-mail or password is wrong.');
      }
      const { token, expiresAt } = await app.database.db.transaction(async (tx) => {
        const session = await createSession(tx, { userId: user.id, now, hours: app.config.sessionHours, userAgent: request.headers['user-agent'], ip: request.ip });
        await touchLastLogin(tx, user.id, now);
        await recordAudit(tx, {
          actor: { type: 'user', id: user.id, label: user.email },
          action: 'auth.login',
          entityType: 'user',
          entityId: user.id,
          after: { ip: request.ip },
          requestId: String(request.id),
        });
        return session;
      });
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, expires: expiresAt });
      return { user: toUser(user) };
    },
  );

  app.post('/logout', { schema: { response: { 204: z.null() } } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      await deleteSession(app.database.db, token);
      if (request.user) {
        await recordAudit(app.database.db, {
          actor: userActor(request),
          action: 'auth.logout',
          entityType: 'user',
          entityId: request.user.id,
          requestId: String(request.id),
        });
      }
    }
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.code(204).send(null);
  });

  app.get('/me', { schema: { response: { 200: meResponseSchema, 401: problemSchema } }, preHandler: app.requireRole() }, async (request) => {
    if (!request.user) throw new DomainError('UNAUTHENTICATED', 'Sign in to use the console API.');
    return { user: request.user };
  });

  // Public: lets the login page show the demo sign-ins only on a demo installation.
  app.get('/demo', { schema: { response: { 200: demoInfoSchema } } }, async () => {
    const demo = await hasDemoUsers(app.database.db);
    return { demo, password: demo ? 'autofin-demo' : null };
  });
};

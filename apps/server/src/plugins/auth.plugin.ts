import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Role, User } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import { SESSION_COOKIE, findSessionUser } from '../modules/auth/session.repository.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in console user, or null. Set for every request by the auth plugin. */
    user: User | null;
  }
  interface FastifyInstance {
    /** preHandler that lets only signed-in users with one of `roles` through (admin always passes). */
    requireRole(...roles: Role[]): preHandlerAsyncHookHandler;
  }
}

/** Resolves the session cookie to a user on every request and offers `requireRole`. */
export const authPlugin = fp(async (app) => {
  app.decorateRequest('user', null);

  app.addHook('onRequest', async (request: FastifyRequest) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    request.user = await findSessionUser(app.database.db, token, new Date());
  });

  app.decorate('requireRole', (...roles: Role[]) => {
    return async (request: FastifyRequest, _reply: FastifyReply) => {
      const user = request.user;
      if (!user) throw new DomainError('UNAUTHENTICATED', 'Sign in to use the console API.');
      if (user.roles.includes('admin')) return;
      if (roles.length > 0 && !roles.some((r) => user.roles.includes(r))) {
        throw new DomainError('FORBIDDEN', `This needs one of the roles: ${roles.join(', ')}. You have: ${user.roles.join(', ')}.`);
      }
    };
  });
});

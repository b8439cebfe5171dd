import type { FastifyRequest } from 'fastify';
import { DomainError } from '@autofin/domain';
import type { AuditActor } from './audit.repository.ts';

/** The signed-in user as an audit actor (routes behind requireRole always have one). */
export function userActor(request: FastifyRequest): AuditActor & { id: string } {
  const user = request.user;
  if (!user) throw new DomainError('UNAUTHENTICATED', 'Sign in to use the console API.');
  return { type: 'user', id: user.id, label: user.email };
}

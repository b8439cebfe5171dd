import type { FastifyRequest } from 'fastify';
import { problemSchema } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import type { PartnerPrincipal } from '../../plugins/partner-auth.plugin.ts';

export const v1Problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  413: problemSchema,
  415: problemSchema,
  422: problemSchema,
  429: problemSchema,
};

/** The partner the request acts for (set by the partner-auth plugin on every scoped route). */
export function principal(request: FastifyRequest): PartnerPrincipal {
  if (!request.partner) throw new DomainError('API_KEY_INVALID', 'Send your API key as "Authorization: Bearer afk_…".');
  return request.partner;
}

import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  applicationCreateBodySchema,
  applicationCreatedSchema,
  applicationDetailQuerySchema,
  applicationDetailSchema,
  applicationIdParamsSchema,
  applicationListQuerySchema,
  applicationPageSchema,
  applicationTransitionBodySchema,
  problemSchema,
  similarApplicationsSchema,
  stipulationParamsSchema,
  stipulationUpdateBodySchema,
  type ApplicationActorKind,
  type ApplicationStatus,
} from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import { userActor } from '../audit/user-actor.ts';
import { createApplication, getApplicationDetail, listApplications, settleStipulation, transition, UNMASK_ROLES, type ApplicationActor } from './application.service.ts';
import { similarApplications } from './review.service.ts';
import { throwIfInvalid } from './strict-validation.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema, 503: problemSchema };

/** The signed-in user acting as `kind` in the lifecycle. */
export function consoleActor(request: FastifyRequest, kind: ApplicationActorKind): ApplicationActor {
  return { kind, audit: userActor(request), requestId: String(request.id) };
}

const READERS = ['dealer_ops', 'risk', 'compliance', 'viewer'] as const;

/**
 * /api/applications — credit applications in the console (docs/applications.md).
 * Roles: dealer_ops and risk create; dealer_ops, risk, compliance and viewer read (masked);
 * risk, compliance and admin may unmask with a reason (audited); dealer_ops withdraws and
 * signs contracts; risk settles stipulations and confirms funding; admin does everything.
 */
export const applicationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/',
    {
      schema: {
        summary: 'Submit and decide a credit application',
        description: 'Validates the application (ID check digit, birth date, age, company code, down payment, consent), decides it synchronously and stores it with its decision audit. Unknown fields are rejected, each named.',
        tags: ['applications'],
        body: applicationCreateBodySchema,
        response: { 201: applicationCreatedSchema, ...problems },
      },
      attachValidation: true,
      preHandler: app.requireRole('dealer_ops', 'risk'),
    },
    async (request, reply) => {
      throwIfInvalid(request);
      const created = await createApplication(app.database, app.personalData, request.body, consoleActor(request, 'dealer_ops'));
      return reply.code(201).header('location', `/api/applications/${created.id}`).send(created);
    },
  );

  app.get(
    '/',
    {
      schema: { summary: 'List applications', tags: ['applications'], querystring: applicationListQuerySchema, response: { 200: applicationPageSchema, ...problems } },
      preHandler: app.requireRole(...READERS),
    },
    async (request) => listApplications(app.database, app.personalData, request.query),
  );

  app.get(
    '/:applicationId',
    {
      schema: {
        summary: 'One application with its timeline, stipulations, decisions and decision audit',
        description: 'Personal data is masked. risk, compliance and admin may pass unmask=true with a reason; the unmasking is written to the audit log.',
        tags: ['applications'],
        params: applicationIdParamsSchema,
        querystring: applicationDetailQuerySchema,
        response: { 200: applicationDetailSchema, ...problems },
      },
      preHandler: app.requireRole(...READERS),
    },
    async (request) => {
      const { unmask, reason } = request.query;
      if (unmask) {
        const roles = request.user?.roles ?? [];
        if (!roles.some((r) => (UNMASK_ROLES as readonly string[]).includes(r))) {
          throw new DomainError('FORBIDDEN', `Unmasking personal data needs one of the roles: ${UNMASK_ROLES.join(', ')}.`);
        }
        if (!reason) throw new DomainError('VALIDATION_FAILED', 'reason: say why the personal data is needed in clear (it is written to the audit log)', [{ field: 'reason', message: 'is required with unmask=true' }]);
      }
      return getApplicationDetail(app.database, app.personalData, request.params.applicationId, undefined, {
        unmask: unmask && reason ? { reason, actor: consoleActor(request, 'reviewer') } : null,
      });
    },
  );

  const lifecycle = (path: string, to: ApplicationStatus, kind: ApplicationActorKind, roles: Parameters<typeof app.requireRole>, summary: string) =>
    app.post(
      `/:applicationId/${path}`,
      {
        schema: { summary, tags: ['applications'], params: applicationIdParamsSchema, body: applicationTransitionBodySchema.optional(), response: { 200: applicationDetailSchema, ...problems } },
        attachValidation: true,
        preHandler: app.requireRole(...roles),
      },
      async (request) => {
        throwIfInvalid(request);
        return transition(app.database, app.personalData, request.params.applicationId, to, consoleActor(request, kind), request.body?.note);
      },
    );
  lifecycle('withdraw', 'withdrawn', 'dealer_ops', ['dealer_ops'], 'Withdraw an open application (the customer or dealer gives up)');
  lifecycle('contract', 'contracted', 'dealer_ops', ['dealer_ops'], 'Record the signed contract of an approval (a conditional one needs every stipulation settled)');
  // Funding is the lender's back office confirming the disbursement: the lifecycle's `system` step.
  lifecycle('fund', 'funded', 'system', ['risk'], 'Confirm the disbursement of a contracted application');

  app.patch(
    '/:applicationId/stipulations/:stipulationId',
    {
      schema: {
        summary: 'Satisfy or waive a stipulation (who verified it and the note are recorded)',
        tags: ['applications'],
        params: stipulationParamsSchema,
        body: stipulationUpdateBodySchema,
        response: { 200: applicationDetailSchema, ...problems },
      },
      attachValidation: true,
      preHandler: app.requireRole('risk'),
    },
    async (request) => {
      throwIfInvalid(request);
      return settleStipulation(app.database, app.personalData, request.params.applicationId, request.params.stipulationId, request.body, consoleActor(request, 'reviewer'));
    },
  );

  app.get(
    '/:applicationId/similar',
    {
      schema: { summary: 'Past applications like this one and their outcomes', tags: ['applications'], params: applicationIdParamsSchema, response: { 200: similarApplicationsSchema, ...problems } },
      preHandler: app.requireRole('risk', 'compliance'),
    },
    async (request) => similarApplications(app.database, request.params.applicationId),
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  applicationDetailSchema,
  applicationIdParamsSchema,
  manualDecisionBodySchema,
  problemSchema,
  reviewClaimSchema,
  reviewQueuePageSchema,
  reviewQueueQuerySchema,
} from '@autofin/contracts';
import { userActor } from '../audit/user-actor.ts';
import { consoleActor } from './applications.routes.ts';
import { claimReview, decideReview, listReviewQueue } from './review.service.ts';
import { throwIfInvalid } from './strict-validation.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };

/** /api/review-queue — referred applications for the risk role: list with SLA, claim, decide. */
export const reviewQueueRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: { summary: 'Referred applications waiting for a manual decision, the most urgent SLA first', tags: ['review'], querystring: reviewQueueQuerySchema, response: { 200: reviewQueuePageSchema, ...problems } },
      preHandler: app.requireRole('risk'),
    },
    async (request) => listReviewQueue(app.database, request.query, { id: userActor(request).id }),
  );

  app.post(
    '/:applicationId/claim',
    {
      schema: { summary: 'Claim a referral (one reviewer at a time; 409 when someone else holds it)', tags: ['review'], params: applicationIdParamsSchema, response: { 200: reviewClaimSchema, ...problems } },
      preHandler: app.requireRole('risk'),
    },
    async (request) => claimReview(app.database, request.params.applicationId, consoleActor(request, 'reviewer')),
  );

  app.post(
    '/:applicationId/decision',
    {
      schema: {
        summary: 'Decide a referral: approved, conditionally_approved (with stipulations) or declined, with a note',
        tags: ['review'],
        params: applicationIdParamsSchema,
        body: manualDecisionBodySchema,
        response: { 200: applicationDetailSchema, ...problems },
      },
      attachValidation: true,
      preHandler: app.requireRole('risk'),
    },
    async (request) => {
      throwIfInvalid(request);
      return decideReview(app.database, app.personalData, request.params.applicationId, request.body, consoleActor(request, 'reviewer'));
    },
  );
};

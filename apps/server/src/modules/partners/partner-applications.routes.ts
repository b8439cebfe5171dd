import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DOCUMENT_BODY_LIMIT,
  applicationCreateBodySchema,
  applicationDocumentListSchema,
  applicationCreatedSchema,
  applicationDetailSchema,
  applicationListQuerySchema,
  applicationPageSchema,
  applicationTransitionBodySchema,
  uploadDocumentBodySchema,
  uploadedDocumentSchema,
  v1ApplicationIdParamsSchema,
  type ApplicationDetail,
} from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import { createApplication, getApplicationDetail, listApplications, transition, type ApplicationActor } from '../applications/application.service.ts';
import { findApplication } from '../applications/application.repository.ts';
import { getPartnerApplicationView } from '../applications/partner-application-view.ts';
import { throwIfInvalid } from '../applications/strict-validation.ts';
import { checkDocument } from './document.ts';
import { listDocuments, storeDocument } from './document.repository.ts';
import { principal, v1Problems } from './v1-common.ts';

/**
 * What a partner sees of an application: the application (personal data masked), the latest
 * decision with its reasons and offer, the stipulations and the timeline — not the internal
 * decision audit (rule thresholds) nor the review queue state.
 */
export const v1ApplicationSchema = applicationDetailSchema.pick({ application: true, decision: true, stipulations: true, timeline: true }).meta({ id: 'PartnerApplication' });

/** The list query without its component id: OpenAPI parameters cannot be a $ref. */
const listQuerySchema = z.strictObject({
  ...applicationListQuerySchema.shape,
  status: applicationListQuerySchema.shape.status.meta({ examples: ['conditionally_approved,referred'] }),
  updatedSince: applicationListQuerySchema.shape.updatedSince.meta({ examples: ['2026-11-22T00:00:00Z'] }),
});

const partnerView = (d: ApplicationDetail) => ({ application: d.application, decision: d.decision, stipulations: d.stipulations, timeline: d.timeline });

function partnerActor(request: FastifyRequest): ApplicationActor {
  const p = principal(request);
  return { kind: 'partner', audit: { type: 'partner_key', id: p.keyId, label: `partner ${p.partnerId}` }, requestId: String(request.id) };
}

/**
 * /v1/applications: the applications service (the same validation and decision as the console),
 * called with the key's partner scope — another partner's application answers 404 exactly like
 * one that does not exist.
 */
export const partnerApplicationRoutes: FastifyPluginAsyncZod = async (app) => {
  const scopeOf = (request: FastifyRequest) => ({ partnerIds: principal(request).partnerIds });

  app.post(
    '/applications',
    {
      config: { partnerScope: 'applications:write' },
      attachValidation: true,
      schema: {
        tags: ['applications'],
        summary: 'Submit a credit application; decided at once',
        description:
          'Validated (ID check digit, age, down payment, consent) and decided synchronously: 201 with the id, status and the decision (reasons, approved offer with APR, stipulations). `dealerId` defaults to the calling dealer; a dealer group names one of its dealers. Send an Idempotency-Key to retry safely.',
        body: applicationCreateBodySchema,
        response: { 201: applicationCreatedSchema, ...v1Problems },
      },
    },
    async (request, reply) => {
      throwIfInvalid(request);
      const p = principal(request);
      const body = { ...request.body, dealerId: request.body.dealerId ?? p.partnerId };
      const created = await createApplication(app.database, app.personalData, body, partnerActor(request), scopeOf(request));
      return reply.code(201).header('location', `/v1/applications/${created.id}`).send(created);
    },
  );

  app.get(
    '/applications',
    {
      config: { partnerScope: 'applications:read' },
      attachValidation: true,
      schema: {
        tags: ['applications'],
        summary: 'List this partner’s applications (newest change first, cursor pagination)',
        description: 'Filter by status (one or comma-separated), updatedSince (ISO 8601) or dealerId (a dealer group’s dealer). Pass nextCursor as cursor for the next page; null means no more.',
        querystring: listQuerySchema,
        response: { 200: applicationPageSchema, ...v1Problems },
      },
    },
    async (request) => {
      throwIfInvalid(request);
      return listApplications(app.database, app.personalData, request.query, scopeOf(request));
    },
  );

  app.get(
    '/applications/:applicationId',
    {
      config: { partnerScope: 'applications:read' },
      schema: { tags: ['applications'], summary: 'One application with its decision, stipulations and timeline', params: v1ApplicationIdParamsSchema, response: { 200: v1ApplicationSchema, ...v1Problems } },
    },
    // Only what the partner view shows, in one statement (not the console's detail with every decision's audit).
    async (request) => getPartnerApplicationView(app.database, app.personalData, request.params.applicationId, principal(request).partnerIds),
  );

  app.post(
    '/applications/:applicationId/withdraw',
    {
      config: { partnerScope: 'applications:write' },
      attachValidation: true,
      schema: {
        tags: ['applications'],
        summary: 'Withdraw an open application',
        description: 'The customer or dealer gives up. 409 when the application is no longer open (declined, contracted, funded, withdrawn, expired).',
        params: v1ApplicationIdParamsSchema,
        body: applicationTransitionBodySchema.nullish().meta({ examples: [{ note: 'The customer bought the car with cash.' }] }),
        response: { 200: v1ApplicationSchema, ...v1Problems },
      },
    },
    async (request) => {
      throwIfInvalid(request);
      return partnerView(await transition(app.database, app.personalData, request.params.applicationId, 'withdrawn', partnerActor(request), request.body?.note, scopeOf(request)));
    },
  );

  app.get(
    '/applications/:applicationId/documents',
    {
      config: { partnerScope: 'applications:read' },
      schema: {
        tags: ['applications'],
        summary: 'Documents uploaded for an application',
        description: 'Every document uploaded for the application (by this partner or, for a dealer group, its dealers), newest first, with the stipulation each answers and whether a reviewer has accepted it yet (status satisfied or waived).',
        params: v1ApplicationIdParamsSchema,
        response: { 200: applicationDocumentListSchema, ...v1Problems },
      },
    },
    async (request) => {
      // 404 for another partner's application, exactly as for a missing one.
      if (!(await findApplication(app.database.db, request.params.applicationId, principal(request).partnerIds))) throw new DomainError('NOT_FOUND', `No application ${request.params.applicationId}.`);
      return { data: await listDocuments(app.database, request.params.applicationId) };
    },
  );

  app.post(
    '/applications/:applicationId/documents',
    {
      config: { partnerScope: 'documents:write' },
      bodyLimit: DOCUMENT_BODY_LIMIT,
      attachValidation: true,
      schema: {
        tags: ['applications'],
        summary: 'Upload a document against a stipulation',
        description: 'JSON with the file in base64: PDF, JPEG or PNG, at most 5 MiB decoded (the body at most 7 MiB). The stipulation must be one of the application’s open stipulations; a reviewer then verifies it.',
        params: v1ApplicationIdParamsSchema,
        body: uploadDocumentBodySchema,
        response: { 201: uploadedDocumentSchema, ...v1Problems },
      },
    },
    async (request, reply) => {
      throwIfInvalid(request);
      const { applicationId } = request.params;
      const p = principal(request);
      const detail = await getApplicationDetail(app.database, app.personalData, applicationId, scopeOf(request));
      const stip = detail.stipulations.find((s) => s.id === request.body.stipulationId);
      if (!stip) throw new DomainError('DOCUMENT_INVALID', `application ${applicationId} has no stipulation ${request.body.stipulationId}`, [{ field: 'stipulationId', message: 'is not a stipulation of this application' }]);
      if (stip.status !== 'open') throw new DomainError('DOCUMENT_INVALID', `stipulation ${stip.id} is already ${stip.status}`, [{ field: 'stipulationId', message: `is already ${stip.status}` }]);
      const doc = checkDocument(request.body);
      const stored = await storeDocument(app.database, { partnerId: p.partnerId, applicationId, stipulationId: stip.id, fileName: request.body.fileName, mediaType: request.body.mediaType, ...doc });
      return reply.code(201).send(stored);
    },
  );
};

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { applicationDocumentListSchema, applicationDocumentParamsSchema, applicationIdParamsSchema, problemSchema } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import { recordAudit } from '../audit/audit.repository.ts';
import { userActor } from '../audit/user-actor.ts';
import { findApplication } from '../applications/application.repository.ts';
import { listDocuments, readDocument } from './document.repository.ts';

const problems = { 401: problemSchema, 403: problemSchema, 404: problemSchema };

/** The roles that may read an application in the console (applications.routes.ts READERS; admin always). */
const READERS = ['dealer_ops', 'risk', 'compliance', 'viewer'] as const;

/**
 * Who may open a document's bytes: the staff who collect and verify them (dealer operations, risk)
 * and compliance — the roles that may see personal data in clear. A viewer sees that a pay slip was
 * uploaded, not the pay slip: ID card scans and pay slips are sensitive personal data (PIPL art. 28).
 */
export const DOCUMENT_DOWNLOAD_ROLES = ['dealer_ops', 'risk', 'compliance'] as const;

/**
 * `Content-Disposition: attachment` with the file's own name: an ASCII fallback in `filename` and
 * the exact UTF-8 name in `filename*` (RFC 6266 / RFC 8187), so 工资单.pdf arrives as 工资单.pdf
 * and a quote or CR/LF in a partner-chosen name cannot break the header.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * /api/applications/{id}/documents: what partners uploaded against an application's stipulations,
 * for the staff who may read the application — the list on its page and the download (written to
 * the audit log: a pay slip or an ID card scan is personal data).
 */
export const applicationDocumentRoutes: FastifyPluginAsyncZod = async (app) => {
  const mustExist = async (applicationId: string) => {
    if (!(await findApplication(app.database.db, applicationId, null))) throw new DomainError('NOT_FOUND', `No application ${applicationId}.`);
  };

  app.get(
    '/:applicationId/documents',
    {
      schema: { summary: 'Documents uploaded for an application, with the stipulation each answers', tags: ['applications'], params: applicationIdParamsSchema, response: { 200: applicationDocumentListSchema, ...problems } },
      preHandler: app.requireRole(...READERS),
    },
    async (request) => {
      await mustExist(request.params.applicationId);
      return { data: await listDocuments(app.database, request.params.applicationId) };
    },
  );

  app.get(
    '/:applicationId/documents/:documentId',
    {
      schema: {
        summary: 'Download one uploaded document (audited; dealer operations, risk and compliance)',
        tags: ['applications'],
        params: applicationDocumentParamsSchema,
        response: { 200: z.any().describe('The file, with its media type'), ...problems },
      },
      preHandler: app.requireRole(...DOCUMENT_DOWNLOAD_ROLES),
    },
    async (request, reply) => {
      const { applicationId, documentId } = request.params;
      const doc = await readDocument(app.database, applicationId, documentId);
      // Another application's document id answers like a missing one.
      if (!doc) throw new DomainError('NOT_FOUND', `Application ${applicationId} has no document ${documentId}.`);
      await recordAudit(app.database.db, {
        actor: userActor(request),
        action: 'application.document.downloaded',
        entityType: 'partner_document',
        entityId: documentId,
        after: { applicationId, fileName: doc.fileName, mediaType: doc.mediaType, sha256: doc.sha256 },
        requestId: request.id,
      });
      return reply
        .header('content-type', doc.mediaType)
        .header('content-disposition', attachmentDisposition(doc.fileName))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(doc.bytes);
    },
  );
};

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BLACKLIST_LISTS, problemSchema, type BlacklistList } from '@autofin/contracts';
import { checkCnMobile, checkResidentId, DomainError, normaliseCnMobile } from '@autofin/domain';
import type { PersonalDataKind } from '../../security/personal-data.ts';
import { userActor } from '../audit/user-actor.ts';
import { businessDate } from '../quotes/business-date.ts';
import { addToBlacklist, dealerExists, deactivateBlacklistEntry, listBlacklist } from './blacklist.repository.ts';
import { throwIfInvalid } from './strict-validation.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

export const blacklistEntrySchema = z.object({
  id: z.string(),
  list: z.enum(BLACKLIST_LISTS),
  last4: z.string().nullable(),
  reason: z.string(),
  active: z.boolean(),
  addedBy: z.string().nullable(),
  addedAt: z.string(),
});
const blacklistPageSchema = z.object({ items: z.array(blacklistEntrySchema) });
const addBodySchema = z.strictObject({
  list: z.enum(BLACKLIST_LISTS),
  value: z.string().trim().min(1).max(200),
  reason: z.string().trim().min(3).max(500),
});
const deactivateBodySchema = z.strictObject({ reason: z.string().trim().min(3).max(500) });
const idParamsSchema = z.object({ id: z.uuid() });

/**
 * The hash space each list is matched in: EXACTLY the kinds application.service.ts hashes the
 * applicant's ID number, phone and device under (protector.keyedHash), so an entry added here is
 * the value the SQL function application_decision_data compares. The dealer list holds the
 * partner id in clear, as that function compares it.
 */
const HASH_KIND: Record<Exclude<BlacklistList, 'dealer'>, PersonalDataKind> = { id_number: 'id_number', phone: 'phone', device: 'device_id' };

const invalid = (message: string): never => {
  throw new DomainError('VALIDATION_FAILED', `value: ${message}`, [{ field: 'value', message }]);
};

/**
 * /api/risk-blacklist — the internal blacklist the decision engine's POLICY_BLACKLIST rule reads
 * (docs/applications.md). Risk and admin add and deactivate; compliance reads. Values are never
 * stored or shown in clear: only the keyed hash and the last 4 characters.
 */
export const blacklistRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: { summary: 'The blacklist, masked: list, last 4 characters, reason, who and when', tags: ['applications'], response: { 200: blacklistPageSchema, ...problems } },
      preHandler: app.requireRole('risk', 'compliance'),
    },
    async () => ({ items: await listBlacklist(app.database.db) }),
  );

  app.post(
    '/',
    {
      schema: {
        summary: 'Blacklist an ID number, phone, device or dealer (409 when already listed)',
        tags: ['applications'],
        body: addBodySchema,
        response: { 201: blacklistEntrySchema, ...problems },
      },
      attachValidation: true,
      preHandler: app.requireRole('risk'),
    },
    async (request, reply) => {
      throwIfInvalid(request);
      const { list, value, reason } = request.body;
      let normalised: string;
      let valueHash: string;
      if (list === 'id_number') {
        const check = checkResidentId(value, businessDate(), 'value');
        if (!check.ok) throw new DomainError('VALIDATION_FAILED', check.errors.map((e) => `${e.field}: ${e.message}`).join('; '), [...check.errors]);
        normalised = value.trim().toUpperCase();
        valueHash = app.personalData.keyedHash(HASH_KIND.id_number, normalised);
      } else if (list === 'phone') {
        const errors = checkCnMobile(value, 'value');
        if (errors.length > 0) throw new DomainError('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), [...errors]);
        normalised = normaliseCnMobile(value)!;
        valueHash = app.personalData.keyedHash(HASH_KIND.phone, normalised);
      } else if (list === 'device') {
        normalised = value.trim();
        valueHash = app.personalData.keyedHash(HASH_KIND.device, normalised);
      } else {
        normalised = value.trim().toLowerCase();
        if (!z.uuid().safeParse(normalised).success) invalid('must be the id of a dealer partner (a UUID)');
        if (!(await dealerExists(app.database.db, normalised))) invalid('is not the id of a dealer partner');
        valueHash = normalised;
      }
      const entry = await addToBlacklist(app.database.db, { list, valueHash, last4: normalised.slice(-4), reason }, userActor(request), String(request.id));
      return reply.code(201).send(entry);
    },
  );

  app.post(
    '/:id/deactivate',
    {
      schema: { summary: 'Deactivate an entry with a reason (entries are never deleted)', tags: ['applications'], params: idParamsSchema, body: deactivateBodySchema, response: { 200: blacklistEntrySchema, ...problems } },
      attachValidation: true,
      preHandler: app.requireRole('risk'),
    },
    async (request) => {
      throwIfInvalid(request);
      return deactivateBlacklistEntry(app.database.db, request.params.id, request.body.reason, userActor(request), String(request.id));
    },
  );
};

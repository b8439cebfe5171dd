import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemSchema, simulatedDaySchema, simulatedResponseStateSchema } from '@autofin/contracts';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.repository.ts';
import { userActor } from '../audit/user-actor.ts';
import { campaignResponsePlan, simulateNextDay } from './simulated-response.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const params = z.object({ id: z.uuid() });

/**
 * The demo market's answer to a campaign (演示数据): marketing or an admin advances it one day at a
 * time ("simulate the next day"); anyone who reads campaigns sees the simulator's true effect, to
 * set beside the report's measured lift. 409 without the demo market.
 */
export const simulatedResponseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:id/simulated-response',
    { schema: { params, response: { 200: simulatedResponseStateSchema, ...problems } }, preHandler: app.requireRole('marketing', 'compliance', 'risk', 'viewer') },
    async (request) => ({ ...(await campaignResponsePlan(app.database, request.params.id)).state, demo: true as const }),
  );

  app.post('/:id/simulate-day', { schema: { params, response: { 200: simulatedDaySchema, ...problems } }, preHandler: app.requireRole('marketing') }, async (request) => {
    const actor = userActor(request);
    // The campaigns' clock (the real time, or a test's): the day's applications are stamped with it.
    const result = await simulateNextDay(app.database, app.personalData, request.params.id, app.campaignClock());
    await recordAudit(app.database.db, {
      actor,
      action: 'campaign.simulated_day',
      entityType: 'campaign',
      entityId: request.params.id,
      after: { demo: true, day: result.day, applications: result.applications, outcomes: result.outcomes, funded: result.funded },
      requestId: String(request.id),
    });
    return { ...result, demo: true as const };
  });
};

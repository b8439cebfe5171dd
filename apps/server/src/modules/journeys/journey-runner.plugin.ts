import fp from 'fastify-plugin';
import { runJourneysOnce } from './journey-runner.ts';

/** How often each instance runs the journeys: waits are hours long, so half a minute is prompt enough. */
export const JOURNEY_TICK_MS = 30_000;

/**
 * Runs runJourneysOnce every JOURNEY_TICK_MS on every instance (unless AUTOFIN_CAMPAIGN_JOBS=false). Instances share the work through
 * row locks with SKIP LOCKED (see journey-runner.ts), so no leader election is needed. The timer is
 * unref'd and cleared on close, so it never keeps a process or a test run alive.
 */
export const journeyRunnerPlugin = fp(async (app) => {
  // Journeys are campaign jobs: AUTOFIN_CAMPAIGN_JOBS=false (tests drive runJourneysOnce themselves) turns them off too.
  if (!app.config.campaignJobs) return;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runJourneysOnce(app.database, new Date(), (err, enrolmentId) => app.log.warn({ err, enrolmentId }, 'journey enrolment could not be advanced; retried later'))
      .then((s) => {
        if (s.enrolled + s.advanced > 0) app.log.info({ journeys: s }, 'journey runner pass');
      })
      .catch((err: unknown) => app.log.error({ err }, 'journey runner failed'))
      .finally(() => {
        running = false;
      });
  }, JOURNEY_TICK_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
});

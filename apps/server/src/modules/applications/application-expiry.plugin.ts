import fp from 'fastify-plugin';
import { expireStaleApplications } from './application.service.ts';

/** How often each server instance looks for stale open applications. */
export const EXPIRY_INTERVAL_MS = 10 * 60_000;

/**
 * Runs expireStaleApplications every EXPIRY_INTERVAL_MS (first run one interval after start).
 * A plain interval per instance is enough: the job is idempotent and locks rows with SKIP
 * LOCKED, so instances running it at the same moment share the work instead of repeating it.
 * The timer is unref'd (it never keeps the process alive) and cleared when the app closes.
 */
export const applicationExpiryPlugin = fp(async (app) => {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    expireStaleApplications(app.database)
      .then((n) => {
        if (n > 0) app.log.info({ expired: n }, 'expired stale applications');
      })
      .catch((err: unknown) => app.log.error({ err }, 'application expiry failed'))
      .finally(() => {
        running = false;
      });
  }, EXPIRY_INTERVAL_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
});

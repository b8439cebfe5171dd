import fp from 'fastify-plugin';
import { processRefreshQueue } from './refresh-queue.ts';

/** How often an idle worker looks at the queue; a busy one goes on at once. Bounds membership latency. */
const POLL_MS = 250;

/**
 * Keeps traits and segment memberships current: takes queued profiles in batches (events arrived,
 * identities merged) and refreshes them. Every instance runs one; SKIP LOCKED shares the work.
 */
export const refreshWorkerPlugin = fp(async (app) => {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  const tick = () => {
    running = processRefreshQueue(app.database)
      .then((n) => {
        if (!stopped) timer = setTimeout(tick, n > 0 ? 0 : POLL_MS);
      })
      .catch((err: unknown) => {
        app.log.error({ err }, 'customer refresh failed; retrying');
        if (!stopped) timer = setTimeout(tick, 5 * POLL_MS);
      });
  };
  app.addHook('onReady', async () => {
    timer = setTimeout(tick, POLL_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  });
});

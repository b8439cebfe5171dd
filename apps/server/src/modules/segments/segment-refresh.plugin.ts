import fp from 'fastify-plugin';
import { rebuildAllSegments } from './segment.repository.ts';

/** Advisory-lock key: one instance at a time re-evaluates the segments. */
const REFRESH_LOCK = 7_236_107;
/** Time windows ("in the last 7 days") move even when nobody acts: members who aged out leave on the next pass. */
const REFRESH_EVERY_MS = 15 * 60_000;

/**
 * Periodic whole-market re-evaluation of every segment. Events and trait changes update membership at
 * once (incrementally, in the ingest transaction); this pass only catches people who left a time window.
 * The timer is unref'd and cleared on close, so it never keeps a process (or a test run) alive.
 */
export const segmentRefreshPlugin = fp(async (app) => {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    app.database
      .withLock(REFRESH_LOCK, () => rebuildAllSegments(app.database.db, new Date()))
      .catch((err: unknown) => app.log.error({ err }, 'segment refresh failed'))
      .finally(() => {
        running = false;
      });
  }, REFRESH_EVERY_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
});

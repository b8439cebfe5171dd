import fp from 'fastify-plugin';
import { buildChannelAdapters } from './channels/channel-registry.ts';
import { CampaignDispatcher } from './dispatcher.ts';
import { buildAudience, pendingLaunches } from './launch.service.ts';
import { applyDueReceipts } from './receipt-worker.ts';
import { finishEndedCampaigns, startDueCampaigns } from './campaign.service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The campaigns' clock (tests inject one to cross quiet hours); the real time otherwise. */
    campaignClock: () => Date;
    /** Replaces the campaigns' clock (tests); every job and route reads it through campaignClock. */
    setCampaignClock: (clock: () => Date) => void;
    campaignJobs: CampaignJobs;
  }
}

/**
 * The campaign jobs of one server instance, all database-coordinated so instances share them:
 * the scheduler (scheduled → running), the audience build (launch lease, resumable), the dispatcher
 * (SKIP LOCKED outbox) and the receipt worker (SKIP LOCKED receipts). One tick a second; `kick()`
 * runs a tick now (after a launch); `tick()` is what tests await.
 */
export class CampaignJobs {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  onError: (err: unknown) => void = () => undefined;

  constructor(
    readonly dispatcher: CampaignDispatcher,
    private readonly run: () => Promise<void>,
  ) {}

  start(intervalMs = 1_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
  }

  kick(): void {
    if (!this.timer) return; // not started (tests drive tick() themselves)
    void this.tick().catch((err: unknown) => this.onError(err));
  }

  /** One round of every job; overlapping calls share the round in flight. */
  tick(): Promise<void> {
    if (!this.running) {
      this.running = this.run().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.running) await this.running.catch(() => undefined);
    await this.dispatcher.stop();
  }
}

export interface CampaignsPluginOptions {
  /** false: no timer (tests call app.campaignJobs.tick()) */
  autoStart?: boolean;
  clock?: () => Date;
}

export const campaignsPlugin = fp<CampaignsPluginOptions>(async (app, opts) => {
  const holder = { now: opts.clock ?? (() => new Date()) };
  const clock = () => holder.now();
  app.decorate('campaignClock', clock);
  app.decorate('setCampaignClock', (c: () => Date) => {
    holder.now = c;
  });
  const adapters = buildChannelAdapters({ seed: app.config.seed, smtpUrl: app.config.smtpUrl, smtpFrom: app.config.smtpFrom });
  const dispatcher = new CampaignDispatcher(app.database, adapters, clock);
  const jobs = new CampaignJobs(dispatcher, async () => {
    await startDueCampaigns(app.database, clock());
    await finishEndedCampaigns(app.database, clock());
    for (const id of await pendingLaunches(app.database, clock())) {
      const done = await buildAudience(app.database, id, clock);
      if (done) app.log.info({ campaignId: id, targeted: done.targeted, holdout: done.holdout, queued: done.queued, deferred: done.deferred }, 'campaign audience built');
    }
    await dispatcher.drain();
    while ((await applyDueReceipts(app.database, app.personalData, clock())) > 0);
  });
  jobs.onError = (err) => app.log.warn({ err }, 'campaign jobs round failed');
  app.decorate('campaignJobs', jobs);
  app.addHook('onReady', async () => {
    if (opts.autoStart ?? app.config.campaignJobs) jobs.start();
  });
  app.addHook('onClose', async () => jobs.stop());
});

import closeWithGrace from 'close-with-grace';
import { createDatabase, migrate, type Database } from '@autofin/db';
import { hasMarket, simulateMarket } from '@autofin/simulator';
import { buildApp } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { ensureInitialUsers, type InitialUsers } from './modules/auth/initial-users.ts';
import { recordAudit } from './modules/audit/audit.repository.ts';
import { seedDemoCatalogue } from './modules/products/seed-catalogue.ts';
import { seedDemoDecisioning } from './modules/decisioning/seed-decisioning.ts';
import { seedCustomerData } from './modules/customers/seed-customer-data.ts';
import { seedDemoJourneys } from './modules/journeys/seed-demo-journeys.ts';
import { businessDate } from './modules/quotes/business-date.ts';

export interface RunningServer {
  url: string;
  config: Config;
  database: Database;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Install SIGINT/SIGTERM handlers that drain requests and close the database (the CLI does). */
  handleSignals?: boolean;
  /** Print the start banner to stdout (the CLI does; tests don't). */
  banner?: boolean;
}

const SEED_LOCK = 7_236_003;

/** Migrates, creates the first users, seeds the demo market on first start, then listens. */
export async function startServer(env: Record<string, string | undefined>, opts: StartOptions = {}): Promise<RunningServer> {
  const started = performance.now();
  const config = loadConfig(env);
  const logger = {
    level: config.logLevel,
    ...(config.logPretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  };
  const database = await createDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    await migrate(database);
    const users = await ensureInitialUsers(database, { adminEmail: config.adminEmail, adminPassword: config.adminPassword });
    const seeded = await seedDemoMarket(database, config, opts.banner === true);
    await seedDemoCatalogue(database);
    await seedDemoDecisioning(database);
    // Traits for profiles written in bulk (the simulator, imports) and the built-in segments; no-op when current.
    await seedCustomerData(database, new Date(), opts.banner ? (done, total) => process.stdout.write(`  customer traits: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}\n`) : undefined);
    await seedDemoJourneys(database);

    app = await buildApp({ config, database, logger });
    const address = await app.listen({ port: config.port, host: config.host });
    const url = address.replace('0.0.0.0', 'localhost').replace('127.0.0.1', 'localhost');
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (opts.banner) printBanner({ url, database, users, seeded, seconds });

    const running: RunningServer = {
      url,
      config,
      database,
      async close() {
        await app?.close();
        await database.close();
      },
    };
    if (opts.handleSignals) {
      closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
        if (err) app?.log.error({ err }, 'shutting down after an error');
        else app?.log.info({ signal }, 'shutting down');
        await running.close();
      });
    }
    return running;
  } catch (err) {
    await app?.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw err;
  }
}

async function seedDemoMarket(database: Database, config: Config, showProgress: boolean): Promise<string | null> {
  if (config.seedCustomers === 0) return null;
  return database.withLock(SEED_LOCK, async () => {
    if (await hasMarket(database)) return null;
    const t0 = performance.now();
    let lastPhase = '';
    // The market's history ends yesterday (China time) unless configured: rules over "the last 7 days"
    // then find the demo's recent quotes and visits. A fixed date would age with every day the demo is
    // installed later (the simulator's own default, 2026-10-31, keeps tests reproducible).
    const asOf = config.demoAsOf ?? businessDate(new Date(Date.now() - 86_400_000));
    const summary = await simulateMarket(database, {
      customers: config.seedCustomers,
      seed: config.seed,
      asOf,
      onProgress: ({ phase }) => {
        if (showProgress && phase !== lastPhase && phase !== 'done') {
          lastPhase = phase;
          process.stdout.write(`  seeding demo market: ${phase}…\n`);
        }
      },
    });
    await recordAudit(database.db, {
      actor: { type: 'system', label: 'start-up' },
      action: 'demo_market.seeded',
      entityType: 'demo_market',
      after: { customers: config.seedCustomers, seed: config.seed, asOf, summary },
    });
    return `seeded a simulated demo market of ${config.seedCustomers.toLocaleString('en-US')} customers as of ${asOf} in ${((performance.now() - t0) / 1000).toFixed(1)} s (seed ${config.seed})`;
  });
}

function printBanner(info: { url: string; database: Database; users: InitialUsers; seeded: string | null; seconds: string }): void {
  const lines = [
    '',
    `  autofin is running at ${info.url}   (ready in ${info.seconds} s)`,
    `  database:  ${info.database.description}`,
    info.seeded ? `  demo data: ${info.seeded}` : null,
    `  console:   ${info.url}/          partner API reference: ${info.url}/docs`,
  ];
  if (info.users.kind === 'demo') {
    lines.push('', `  demo sign-ins (password for all: ${info.users.password}):`);
    for (const email of info.users.emails) lines.push(`    ${email}`);
  } else if (info.users.kind === 'admin') {
    lines.push('', `  administrator created: ${info.users.email} (password from AUTOFIN_ADMIN_PASSWORD)`);
  }
  lines.push('', '  press Ctrl+C to stop', '');
  process.stdout.write(lines.filter((l) => l !== null).join('\n') + '\n');
}

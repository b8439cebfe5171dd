import type { Command } from 'commander';
import type { SimulationProgress } from '@autofin/simulator';
import { DEFAULT_AS_OF, defaultDealerCount } from '@autofin/simulator/defaults';
import { CliError } from '../cli-error.ts';

interface SimulateOpts {
  customers?: string;
  seed?: string;
  dealers?: string;
  asOf?: string;
  reset?: boolean;
}

const PHASE_LABEL: Record<SimulationProgress['phase'], string> = {
  reset: 'emptying market tables',
  reference: 'geography, catalogue, dealers',
  customers: 'customers and their history',
  finishing: 'statistics and metadata',
  done: 'done',
};

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const cleaned = raw.replace(/[_,]/g, '');
  if (!/^\d+$/.test(cleaned)) throw new CliError(`--${name} must be a whole number, got "${raw}"`);
  const n = Number(cleaned);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new CliError(`--${name} must be between ${min} and ${max}, got ${raw}`);
  return n;
}

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('write a seeded, simulated Chinese auto-finance market (customers, dealers, vehicles, behaviour, applications, loans, repayments) to the database')
    .option('-c, --customers <n>', 'number of customers to simulate (default: $AUTOFIN_SEED_CUSTOMERS or 20000); 1000000 works')
    .option('-s, --seed <n>', 'random seed; the same seed, customers, dealers and as-of date always give identical rows (default: $AUTOFIN_SEED or 20261122)')
    .option('-d, --dealers <n>', 'number of dealers (default: about one per 500 customers, at least 8)')
    .option('--as-of <date>', `the simulated "today", YYYY-MM-DD; history covers the 24 months before it (default: ${DEFAULT_AS_OF})`)
    .option('--reset', 'empty the market tables first (and forget the previous market) instead of refusing when a market exists', false)
    .addHelpText(
      'after',
      `
The database is DATABASE_URL when set, otherwise the embedded database in AUTOFIN_DATA_DIR
(default ./.autofin). Pending migrations are applied first. All rows are marked source='simulator'
and the run is recorded under 'demo_market' in app_meta; the simulator's ground truth (latent risk,
true channel effects) goes to the sim_customer_truth and sim_channel_effects tables.

Examples:
  autofin simulate --customers 20000 --seed 7
  autofin simulate --customers 1000000 --seed 1 --reset`,
    )
    .action(async (opts: SimulateOpts) => {
      // The database stack loads only when the command runs (quick --help).
      const [{ createDatabase, migrate }, { loadConfig }, { MarketExistsError, MarketResetBlockedError, SimulationOptionsError, simulateMarket }, { default: cliProgress }] = await Promise.all([
        import('@autofin/db'),
        import('@autofin/server/config'),
        import('@autofin/simulator'),
        import('cli-progress'),
      ]);
      const config = loadConfig(process.env);
      const customers = wholeNumber('customers', opts.customers, config.seedCustomers, 0, 5_000_000);
      const seed = wholeNumber('seed', opts.seed, config.seed, 0, Number.MAX_SAFE_INTEGER);
      const dealers = wholeNumber('dealers', opts.dealers, defaultDealerCount(customers), 1, 100_000);
      if (opts.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw new CliError(`--as-of must be a date YYYY-MM-DD, got "${opts.asOf}"`);

      const database = await createDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
      const tty = Boolean(process.stderr.isTTY);
      const bar = new cliProgress.SingleBar(
        { format: '{phase} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}', stream: process.stderr, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      let barPhase: string | null = null;
      let lastDone = 0;
      const onProgress = (p: SimulationProgress): void => {
        if (!tty) {
          // Without a terminal: one line per phase, and every 10% of the customers.
          if (p.phase === 'done') return;
          if (p.phase !== barPhase) process.stderr.write(`${PHASE_LABEL[p.phase]}…\n`);
          else if (p.phase === 'customers' && p.total > 0 && Math.floor((10 * p.done) / p.total) > Math.floor((10 * lastDone) / p.total)) {
            process.stderr.write(`  ${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} customers\n`);
          }
          barPhase = p.phase;
          lastDone = p.done;
          return;
        }
        if (p.phase === 'done') return;
        if (p.phase !== barPhase) {
          if (barPhase !== null) bar.stop();
          bar.start(p.total, p.done, { phase: PHASE_LABEL[p.phase].padEnd(30) });
          barPhase = p.phase;
        } else bar.update(p.done);
      };
      try {
        await migrate(database);
        process.stderr.write(`simulating ${customers.toLocaleString('en-US')} customers and ${dealers} dealers (seed ${seed}) into ${database.description}\n`);
        const summary = await simulateMarket(database, {
          customers,
          seed,
          dealers,
          ...(opts.asOf ? { asOf: opts.asOf } : {}),
          reset: Boolean(opts.reset),
          onProgress,
        });
        if (tty && barPhase !== null) bar.stop();
        const rows: Array<[string, number]> = [
          ['customers', summary.customers],
          ['consents', summary.consents],
          ['events', summary.events],
          ['dealers', summary.dealers],
          ['partners', summary.partners],
          ['cities', summary.cities],
          ['trims', summary.trims],
          ['applications', summary.applications],
          ['loans', summary.loans],
          ['repayments', summary.repayments],
        ];
        process.stdout.write(`simulated market (seed ${summary.seed}, as of ${summary.asOf}, simulator ${summary.simulatorVersion}):\n`);
        for (const [label, n] of rows) process.stdout.write(`  ${label.padEnd(13)} ${n.toLocaleString('en-US').padStart(12)}\n`);
        process.stdout.write(`finished in ${(summary.durationMs / 1000).toFixed(1)} s\n`);
      } catch (err) {
        if (tty && barPhase !== null) bar.stop();
        if (err instanceof MarketExistsError) throw new CliError(`${err.message.replace('pass reset', 'run again with --reset')}`);
        if (err instanceof SimulationOptionsError || err instanceof MarketResetBlockedError) throw new CliError(err.message);
        throw err;
      } finally {
        await database.close();
      }
    });
}

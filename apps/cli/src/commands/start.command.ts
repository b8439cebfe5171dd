import type { Command } from 'commander';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('migrate the database, seed the demo market on first start, and serve the console and APIs')
    .option('-p, --port <port>', 'port to listen on (default: $PORT or 3000)')
    .option('--host <host>', 'interface to listen on (default: $HOST or 127.0.0.1)')
    .addHelpText(
      'after',
      `
Configuration comes from the environment: PORT, HOST, AUTOFIN_DATA_DIR, DATABASE_URL,
AUTOFIN_SEED_CUSTOMERS (0 = no demo data), AUTOFIN_ADMIN_PASSWORD, LOG_LEVEL (see README.md).`,
    )
    .action(async (opts: { port?: string; host?: string }) => {
      const overrides: Record<string, string> = {};
      if (opts.port) overrides.PORT = opts.port;
      if (opts.host) overrides.HOST = opts.host;
      // Loaded on use so that `autofin --help` and the light commands start fast.
      const { startServer } = await import('@autofin/server');
      await startServer({ ...process.env, ...overrides }, { handleSignals: true, banner: true });
    });
}

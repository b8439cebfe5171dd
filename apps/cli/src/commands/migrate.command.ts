import type { Command } from 'commander';
import { CliError } from '../cli-error.ts';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (safe to run any number of times)')
    .addHelpText('after', '\nUses DATABASE_URL when set, otherwise the embedded database in AUTOFIN_DATA_DIR (default ./.autofin).')
    .action(async () => {
      const [{ createDatabase, migrate }, { loadConfig }] = await Promise.all([import('@autofin/db'), import('@autofin/server/config')]);
      const config = loadConfig(process.env);
      const database = await createDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
      try {
        await migrate(database);
        process.stdout.write(`migrations applied to ${database.description}\n`);
      } catch (err) {
        throw new CliError(`migration failed: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        await database.close();
      }
    });
}

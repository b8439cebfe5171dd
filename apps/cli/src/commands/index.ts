import type { Command } from 'commander';
import { registerStart } from './start.command.ts';
import { registerMigrate } from './migrate.command.ts';
import { registerSimulate } from './simulate.command.ts';
import { registerApr } from './apr.command.ts';
import { registerQuote } from './quote.command.ts';
import { registerValuation } from './valuation.command.ts';
import { registerScorecard } from './scorecard.command.ts';
import { registerImport } from './import.command.ts';

/** Every `autofin` command registers itself here; one file per command in this folder. */
export const commands: Array<(program: Command) => void> = [registerStart, registerMigrate, registerSimulate, registerApr, registerQuote, registerValuation, registerScorecard, registerImport];

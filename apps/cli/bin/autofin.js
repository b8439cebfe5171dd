#!/usr/bin/env node
// The `autofin` command. The workspace ships TypeScript sources; tsx compiles them on the fly
// so that `npx autofin …` works straight after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
await main(process.argv);

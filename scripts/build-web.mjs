#!/usr/bin/env node
// Builds the console (apps/web) and the dealer calculator widget (vite.widget.config.ts →
// apps/web/dist/widget/calculator.js + calculator.html) with Vite when their sources are newer
// than apps/web/dist, and otherwise reuses the existing build. `npm start` and the browser tests call this.
// Prints exactly one line saying which it did. Plain Node ESM: no TypeScript loader needed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'apps/web');
const dist = join(web, 'dist');
const marker = join(dist, 'index.html');
const widgetMarker = join(dist, 'widget/calculator.js');
const inputs = [
  join(web, 'src'),
  join(web, 'index.html'),
  join(web, 'vite.config.ts'),
  join(web, 'vite.widget.config.ts'),
  join(web, 'public'),
  join(root, 'packages/contracts/src'),
];

/** The newest modification time under `path` (a file or a directory tree), and which file it was. */
function newest(path) {
  if (!existsSync(path)) return { time: 0, file: null };
  const stat = statSync(path);
  if (!stat.isDirectory()) return { time: stat.mtimeMs, file: path };
  let best = { time: 0, file: null };
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const found = newest(join(path, entry.name));
    if (found.time > best.time) best = found;
  }
  return best;
}

function reasonToBuild() {
  if (process.argv.includes('--force')) return 'forced';
  if (!existsSync(marker)) return 'no build yet';
  if (!existsSync(widgetMarker)) return 'no widget build yet';
  const built = Math.min(statSync(marker).mtimeMs, statSync(widgetMarker).mtimeMs);
  for (const input of inputs) {
    const found = newest(input);
    if (found.time > built) return `${relative(root, found.file)} changed`;
  }
  return null;
}

const reason = reasonToBuild();
if (!reason) {
  console.log(`web: reusing the console build in ${relative(root, dist)} (up to date)`);
  process.exit(0);
}

const started = Date.now();
// Resolve Vite's own CLI so this works without npx and without a shell.
const require = createRequire(join(web, 'package.json'));
const viteBin = join(dirname(require.resolve('vite/package.json')), 'bin/vite.js');
// The console first: its build empties dist/, the widget's then adds dist/widget/.
const builds = [
  { what: 'console', args: [] },
  { what: 'widget', args: ['-c', 'vite.widget.config.ts'] },
];
for (const build of builds) {
  const result = spawnSync(process.execPath, [viteBin, 'build', ...build.args, '--logLevel', 'warn'], { cwd: web, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    console.error(`web: ${build.what} build failed (${reason})`);
    process.exit(result.status ?? 1);
  }
}
console.log(`web: built the console and the calculator widget into ${relative(root, dist)} in ${((Date.now() - started) / 1000).toFixed(1)} s (${reason})`);

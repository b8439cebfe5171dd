import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './main.ts';

const bin = fileURLToPath(new URL('../bin/autofin.js', import.meta.url));
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });

describe('the autofin command', () => {
  it('offers --help for every command, each with a description', () => {
    const program = buildProgram();
    const names = program.commands.map((c) => c.name());
    expect(names).toEqual(expect.arrayContaining(['start', 'migrate', 'simulate', 'apr', 'quote']));
    for (const command of program.commands) {
      expect(command.description().length, `${command.name()} has a description`).toBeGreaterThan(10);
      expect(command.helpInformation()).toContain(`Usage: autofin ${command.name()}`);
    }
  });

  it('prints the command list from the real binary', () => {
    const res = run(['--help']);
    expect(res.status).toBe(0);
    for (const name of ['start', 'migrate', 'simulate']) expect(res.stdout).toMatch(new RegExp(`\\n\\s+${name}\\b`));
  });

  it('rejects an unknown command with a non-zero exit', () => {
    const res = run(['frobnicate']);
    expect(res.status).not.toBe(0);
    expect(res.stderr).toContain("unknown command 'frobnicate'");
  });

  it('migrate is idempotent on an embedded database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'autofin-migrate-'));
    try {
      const env = { AUTOFIN_DATA_DIR: dir, DATABASE_URL: '' };
      const first = run(['migrate'], env);
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(first.stdout).toContain('migrations applied');
      const second = run(['migrate'], env);
      expect(second.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the bad setting when the configuration is invalid', () => {
    const res = run(['migrate'], { DATABASE_URL: 'mysql://nope' });
    expect(res.status).not.toBe(0);
    expect(res.stderr).toContain('DATABASE_URL');
  });
});

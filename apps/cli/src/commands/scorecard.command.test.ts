import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'csv-parse/sync';
import { scorecardModelSchema } from '@autofin/contracts';
import { scoreApplicant } from '@autofin/domain';
import type { DataRow } from '@autofin/domain';
import { buildProgram, main } from '../main.ts';

// The `autofin scorecard` contract, run as users run it, on a slice of the real credit_data set
// (the first 1,200 rows: training with the default inner tuning then takes a second or two).
const bin = fileURLToPath(new URL('../../bin/autofin.js', import.meta.url));
const data = fileURLToPath(new URL('../../../../../shared/data/credit_data_train.csv', import.meta.url));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns the real binary (each start costs a few seconds, so independent runs go in parallel). */
function run(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'scorecard', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs the same program in this process, for the many error cases. */
async function runHere(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  process.exitCode = undefined;
  try {
    await main(['node', 'autofin', 'scorecard', ...args]);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const status = typeof process.exitCode === 'number' ? process.exitCode : 0;
  process.exitCode = undefined;
  return { status, stdout, stderr };
}

let dir = '';
let model = '';
let slice = '';
let trainOut: Run;
let missingFile: Run;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'autofin-scorecard-'));
  model = join(dir, 'credit.json');
  slice = join(dir, 'credit-slice.csv');
  writeFileSync(slice, readFileSync(data, 'utf8').split('\n').slice(0, 1201).join('\n') + '\n');
  [trainOut, missingFile] = await Promise.all([
    run(['train', '--data', slice, '--target', 'Status', '--bad', 'bad', '--ratio', 'LTV=Amount/Price', '--model-version', '7', '--out', model]),
    run(['train', '--data', '/nope/missing.csv', '--target', 'Status', '--bad', 'bad', '--out', join(dir, 'x.json')]),
  ]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
});

describe('autofin scorecard train', () => {
  it('writes a valid model and prints the report', () => {
    expect(trainOut.stderr).toBe('');
    expect(trainOut.status).toBe(0);
    const parsed = scorecardModelSchema.parse(JSON.parse(readFileSync(model, 'utf8')));
    expect(parsed.id).toBe('credit');
    expect(parsed.version).toBe('7');
    expect(parsed.target).toBe('Status');
    expect(parsed.characteristics.map((c) => c.name)).toEqual(expect.arrayContaining(['Seniority', 'Income', 'Records', 'LTV']));
    expect(trainOut.stdout).toMatch(/Training sample: 1200 rows, \d+ bad .* AUC 0\.[89]\d+ +KS 0\.\d+ +Gini 0\.\d+/);
    expect(trainOut.stdout).toMatch(/Tuned by 4-fold CV inside the training data/);
    expect(trainOut.stdout).toContain('Calibration by score band');
    expect(trainOut.stdout).toContain(`model written to ${model}`);
  });
});

describe('autofin scorecard score', () => {
  it('writes one row per input row, in input order, with score, pd and reasons; report on new data prints AUC/KS and PSI', async () => {
    // 40 rows the model has not seen (the end of the file), reversed, without the target column.
    const all = parse(readFileSync(data, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    const rows = all.slice(-40).reverse().map(({ Status: _status, ...rest }) => rest);
    const input = join(dir, 'applicants.csv');
    const header = Object.keys(rows[0] as object);
    writeFileSync(input, [header.join(','), ...rows.map((r) => header.map((h) => r[h]).join(','))].join('\n') + '\n');
    const out = join(dir, 'scores.csv');
    const [r, report] = await Promise.all([run(['score', '--model', model, '--data', input, '--out', out]), run(['report', '--model', model, '--data', slice])]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const scored = parse(readFileSync(out, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(scored).toHaveLength(40);
    expect(Object.keys(scored[0] as object)).toEqual(expect.arrayContaining(['row', 'score', 'pd', 'reasons']));
    const m = scorecardModelSchema.parse(JSON.parse(readFileSync(model, 'utf8')));
    scored.forEach((s, i) => {
      expect(s.row).toBe(String(i + 1));
      const want = scoreApplicant(m, rows[i] as DataRow);
      expect(Number(s.score)).toBe(want.score);
      expect(Number(s.pd)).toBeGreaterThan(0);
      expect(Number(s.pd)).toBeLessThan(1);
      expect(s.reasons).toBe(want.reasons.map((x) => x.characteristic).join(';'));
    });
    // Higher score, lower PD.
    const byScore = [...scored].sort((a, b) => Number(a.score) - Number(b.score));
    expect(Number(byScore[0]?.pd)).toBeGreaterThanOrEqual(Number(byScore.at(-1)?.pd));

    expect(report.status).toBe(0);
    expect(report.stdout).toMatch(/New sample: 1200 rows/);
    // The training file against itself: every PSI is 0.
    expect(report.stdout).toMatch(/score\s+0\.0000\s+stable/);
    expect(report.stdout).toContain('Population stability');
  });
});

describe('bad input', () => {
  it('the binary exits non-zero with an error line for a missing file', () => {
    expect(missingFile.status).not.toBe(0);
    expect(missingFile.stderr).toMatch(/^error: cannot read data file \/nope\/missing\.csv: no such file/);
  });

  it.each([
    [['train', '--data', data, '--target', 'Outcome', '--bad', 'bad', '--out', '/tmp/x.json'], /error: the target column "Outcome" is not in/],
    [['train', '--data', data, '--target', 'Status', '--bad', 'Bad', '--out', '/tmp/x.json'], /error: the bad value "Bad" does not occur in the target column "Status"/],
    [['score', '--model', data, '--data', data, '--out', '/tmp/x.csv'], /error: .* is not a scorecard model: it is not JSON/],
    [['report', '--model', fileURLToPath(new URL('../../package.json', import.meta.url))], /error: .*package\.json is not a scorecard model: /],
    [['score', '--model', '/nope/model.json', '--data', data, '--out', '/tmp/x.csv'], /error: cannot read model file/],
    [['train', '--data', data, '--target', 'Status', '--out', '/tmp/x.json'], /error: required option '--bad <value>' not specified/],
  ])('%j → error and non-zero exit', async (args, message) => {
    const r = await runHere(args);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(message);
  });

  it('--help explains each command', () => {
    const scorecard = buildProgram().commands.find((c) => c.name() === 'scorecard');
    for (const [sub, options] of [
      ['train', ['--data <file>', '--target <column>', '--bad <value>', '--out <file>']],
      ['score', ['--model <file>', '--data <file>', '--out <file>']],
      ['report', ['--model <file>', '--data <file>']],
    ] as const) {
      const help = scorecard?.commands.find((c) => c.name() === sub)?.helpInformation() ?? '';
      expect(help).toContain(`Usage: autofin scorecard ${sub}`);
      for (const o of options) expect(help).toContain(o);
    }
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CliError } from '../cli-error.ts';
import { registerValuation } from './valuation.command.ts';

// In process, with only this command registered: `autofin valuation …` as a user types it.
async function run(args: string[]): Promise<string> {
  const program = new Command().name('autofin').exitOverride();
  registerValuation(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'autofin', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

afterEach(() => vi.restoreAllMocks());

describe('autofin valuation fit', () => {
  it('reproduces the committed model exactly (car_prices.csv + the simulator catalogue)', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'autofin-valuation-')), 'model.json');
    await run(['valuation', 'fit', '--out', out]);
    const committed = new URL('../../../../packages/domain/src/vehicles/valuation-model.v1.json', import.meta.url);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(JSON.parse(readFileSync(committed, 'utf8')));
  });

  it('prints the coefficients and the held-out error beside the no-mileage baseline', async () => {
    const text = await run(['valuation', 'fit']);
    expect(text).toMatch(/mileage_per_10k_km\s+-0\.0\d+/);
    const model = /with mileage\s+([\d.]+)\s+([\d.]+) %/.exec(text);
    const baseline = /baseline, no mileage\s+([\d.]+)\s+([\d.]+) %/.exec(text);
    expect(model && baseline).toBeTruthy();
    expect(Number(model![1])).toBeLessThan(Number(baseline![1]));
    expect(Number(model![2])).toBeLessThan(Number(baseline![2]));
  });

  it('names a missing data file', async () => {
    await expect(run(['valuation', 'fit', '--data', '/nonexistent/car_prices.csv'])).rejects.toThrow(CliError);
  });
});

describe('autofin valuation value', () => {
  it('values a 3-year-old mid-segment ICE car with 60 000 km', async () => {
    // committed curve mid/ICE: y1 0.742932, decay 0.884317 → age factor 0.742932 × 0.884317² = 0.580985
    // mileage: 60 000 − 3 × 15 000 = +15 000 km → exp(−0.05315815 × 1.5) = 0.923359
    // 200 000.00 × 0.580985 × 0.923359 ≈ 107 291.5 yuan
    const text = await run(['valuation', 'value', '--segment', 'mid', '--fuel', 'ICE', '--list-price', '200000.00', '--age-months', '36', '--mileage', '60000']);
    expect(text).toMatch(/^value: 107291\.5\d yuan \(53\.65 % of list 200000\.00\), model valuation-v1/);
    expect(text).toMatch(/AGE\s+× 0\.580985/);
    expect(text).toMatch(/MILEAGE\s+× 0\.923359/);
  });

  it('--at-months gives a lease residual as JSON', async () => {
    const text = await run(['valuation', 'value', '--segment', 'mid', '--fuel', 'ICE', '--list-price', '200000.00', '--age-months', '0', '--mileage', '0', '--at-months', '36', '--annual-km', '20000', '--json']);
    const out = JSON.parse(text) as { value: string; atMonths: number };
    // same car as above: 36 months old with 60 000 km
    expect(out.value).toMatch(/^107291\.5\d$/);
    expect(out.atMonths).toBe(36);
  });

  it('rejects a price with three decimals and a non-numeric age', async () => {
    await expect(run(['valuation', 'value', '--segment', 'mid', '--fuel', 'ICE', '--list-price', '1.234', '--age-months', '1', '--mileage', '1'])).rejects.toThrow(/--list-price/);
    await expect(run(['valuation', 'value', '--segment', 'mid', '--fuel', 'ICE', '--list-price', '1.00', '--age-months', 'x', '--mileage', '1'])).rejects.toThrow(/--age-months/);
  });
});

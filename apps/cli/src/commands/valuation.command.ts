import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Option } from 'commander';
import type { Command } from 'commander';
import type { ValuationModel } from '@autofin/contracts';
import { fuelTypes, valuationModelSchema, vehicleSegments } from '@autofin/contracts';
import type { CatalogueEntry, CatalogueModelLike, FitReport, ValuationOutput } from '@autofin/domain';
import {
  catalogueEntriesFromModels,
  fitValuationModel,
  formatMoney,
  isDomainError,
  parseCarPricesCsv,
  parseMoney,
  residualValue,
  valuationModelV1,
  valueVehicle,
} from '@autofin/domain';
import { CliError } from '../cli-error.ts';

/** The data sets live beside the repository, never in it (DESIGN.md, reference data). */
const DEFAULT_DATA = fileURLToPath(new URL('../../../../../shared/data/car_prices.csv', import.meta.url));

function domain<T>(compute: () => T): T {
  try {
    return compute();
  } catch (err) {
    if (isDomainError(err)) {
      const fields = err.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      throw new CliError(`${err.code}: ${fields || err.message}`);
    }
    throw err;
  }
}

function readText(path: string, what: string): string {
  if (!existsSync(path)) throw new CliError(`${what} not found: ${path}`);
  return readFileSync(path, 'utf8');
}

function wholeNumber(option: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim())) throw new CliError(`${option} must be a whole number, got "${value}"`);
    return Number(value);
  };
}

/** The catalogue: a JSON file of entries or simulator-style models, or else the simulator's own. */
async function loadCatalogue(path: string | undefined): Promise<CatalogueEntry[]> {
  if (path) {
    let data: unknown;
    try {
      data = JSON.parse(readText(path, 'catalogue'));
    } catch (err) {
      if (err instanceof CliError) throw err;
      throw new CliError(`catalogue ${path} is not valid JSON`);
    }
    if (!Array.isArray(data)) throw new CliError('catalogue must be a JSON array of entries or models');
    // Entries carry a fuel each; simulator-style models carry trims.
    return data.every((d) => typeof d === 'object' && d !== null && 'trims' in d)
      ? catalogueEntriesFromModels(data as CatalogueModelLike[])
      : (data as CatalogueEntry[]);
  }
  // Loaded on demand so that the other commands never depend on the simulator's files.
  const { MODELS } = await import('@autofin/simulator/data/vehicles.data');
  return catalogueEntriesFromModels(MODELS);
}

const pct = (v: number, places = 2): string => v.toFixed(places);

function renderFit(report: FitReport, dataPath: string, entries: number): string {
  const m = report.model;
  const beta = Number(m.mileage.logCoefPer10kKm);
  const out: string[] = [];
  out.push(`valuation model ${m.modelVersion}`);
  out.push(`data: ${dataPath}`);
  out.push(`  ${m.fit.rows} rows: ${report.trainRows} to fit, ${report.testRows} held out (${m.fit.split})`);
  out.push('');
  out.push('mileage effect (log price, fitted on the training rows):');
  out.push(`  ${m.mileage.logCoefPer10kKm} per 10 000 km = ${pct((Math.exp(beta) - 1) * 100)} % of value per 10 000 km`);
  out.push(`  relative to ${m.mileage.expectedKmPerYear} km a year of age; deviations held within ${m.mileage.minDeviationKm}..${m.mileage.maxDeviationKm} km`);
  out.push('');
  out.push('coefficients (log US$; reference: Chevy sedan, 4 cylinders):');
  for (const c of m.fit.coefficients) out.push(`  ${c.name.padEnd(22)} ${c.value.padStart(12)}`);
  out.push('');
  out.push(`held-out error (${report.testRows} rows)   RMSE(log)   MAPE`);
  out.push(`  with mileage             ${pct(report.heldOut.model.rmseLog, 4).padStart(9)}   ${pct(report.heldOut.model.mapePercent)} %`);
  out.push(`  baseline, no mileage     ${pct(report.heldOut.baseline.rmseLog, 4).padStart(9)}   ${pct(report.heldOut.baseline.mapePercent)} %`);
  const gain = (1 - report.heldOut.model.rmseLog / report.heldOut.baseline.rmseLog) * 100;
  out.push(`  mileage cuts the held-out RMSE(log) by ${pct(gain, 1)} %`);
  out.push('');
  out.push(`age curves (value share at t ≥ 1 years = y1 × decay^(t−1); ${entries} catalogue entries):`);
  out.push('  segment  fuel  y1        decay     entries  source');
  for (const c of m.ageCurves) {
    out.push(`  ${c.segment.padEnd(8)} ${c.fuelClass.padEnd(5)} ${c.y1}  ${c.annualDecay}  ${String(c.entries).padStart(7)}  ${c.source}`);
  }
  return `${out.join('\n')}\n`;
}

function renderValue(v: ValuationOutput, listPriceFen: number, atMonths?: number): string {
  const out: string[] = [];
  const head = atMonths === undefined ? 'value' : `residual value in ${atMonths} months`;
  out.push(`${head}: ${formatMoney(v.valueFen)} yuan (${v.percentOfList} % of list ${formatMoney(listPriceFen)}), model ${v.modelVersion}`);
  for (const f of v.factors) out.push(`  ${f.code.padEnd(8)} × ${f.factor}  ${f.label.en} (${f.label.zh}): ${f.detail}`);
  return `${out.join('\n')}\n`;
}

function loadModel(path: string | undefined): ValuationModel {
  if (!path) return valuationModelV1;
  let data: unknown;
  try {
    data = JSON.parse(readText(path, 'model'));
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`model ${path} is not valid JSON`);
  }
  const parsed = valuationModelSchema.safeParse(data);
  if (!parsed.success) throw new CliError(`model ${path} is not a valuation model: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export function registerValuation(program: Command): void {
  const valuation = program
    .command('valuation')
    .description('vehicle valuation: fit the model (mileage effect from used-car prices, age curves from the catalogue) and value a vehicle');

  valuation
    .command('fit')
    .description('fit the valuation model and print its coefficients and held-out error against a baseline without mileage')
    .option('--data <file>', 'the used-car price set (Kelley Blue Book car_prices.csv); default ../shared/data/car_prices.csv beside the repository')
    .option('--catalogue <file>', "JSON catalogue: [{segment, fuel, residualY1Bp, residualDecayBp}] or simulator-style models with trims; default: the simulator's catalogue")
    .option('--out <file>', 'also write the fitted model as JSON (the committed one is packages/domain/src/vehicles/valuation-model.v1.json)')
    .option('--model-version <version>', 'version written into the model', 'valuation-v1')
    .option('--seed <n>', 'seed of the 80/20 train/held-out split', wholeNumber('--seed'), 2026)
    .option('--json', 'print the model as JSON instead of the report')
    .action(async (opts: { data?: string; catalogue?: string; out?: string; modelVersion: string; seed: number; json?: boolean }) => {
      const dataPath = opts.data ?? DEFAULT_DATA;
      const rows = domain(() => parseCarPricesCsv(readText(dataPath, 'data file')));
      const catalogue = await loadCatalogue(opts.catalogue);
      const report = domain(() => fitValuationModel(rows, catalogue, { modelVersion: opts.modelVersion, splitSeed: opts.seed }));
      const json = `${JSON.stringify(report.model, null, 2)}\n`;
      if (opts.out) writeFileSync(opts.out, json);
      process.stdout.write(opts.json ? json : renderFit(report, dataPath, catalogue.length));
      if (opts.out && !opts.json) process.stdout.write(`\nmodel written to ${opts.out}\n`);
    });

  valuation
    .command('value')
    .description('value a vehicle by segment, fuel, age and mileage, with the factors that make the value')
    .addOption(new Option('--segment <segment>', 'market segment').choices([...vehicleSegments]).makeOptionMandatory())
    .addOption(new Option('--fuel <fuel>', 'ICE, or BEV/PHEV (new-energy vehicles)').choices([...fuelTypes]).makeOptionMandatory())
    .requiredOption('--list-price <yuan>', 'guide price when new (指导价), yuan with up to two decimals, e.g. 200000.00')
    .requiredOption('--age-months <n>', 'age in whole months since first registration', wholeNumber('--age-months'))
    .requiredOption('--mileage <km>', 'odometer reading in whole kilometres', wholeNumber('--mileage'))
    .option('--at-months <n>', 'value this many months from now instead (a lease residual)', wholeNumber('--at-months'))
    .option('--annual-km <km>', "with --at-months: kilometres a year until then (default: the model's expected mileage)", wholeNumber('--annual-km'))
    .option('--model <file>', 'a valuation model JSON written by `valuation fit --out`; default: the committed valuation-v1')
    .option('--json', 'print the result as JSON (money as decimal strings)')
    .addHelpText('after', '\nExample:\n  autofin valuation value --segment mid --fuel ICE --list-price 200000.00 --age-months 36 --mileage 60000')
    .action(
      (opts: {
        segment: (typeof vehicleSegments)[number];
        fuel: (typeof fuelTypes)[number];
        listPrice: string;
        ageMonths: number;
        mileage: number;
        atMonths?: number;
        annualKm?: number;
        model?: string;
        json?: boolean;
      }) => {
        if (opts.annualKm !== undefined && opts.atMonths === undefined) throw new CliError('--annual-km needs --at-months');
        const model = loadModel(opts.model);
        const listPriceFen = domain(() => parseMoney(opts.listPrice, '--list-price'));
        const input = { segment: opts.segment, fuel: opts.fuel, listPriceFen, ageMonths: opts.ageMonths, mileageKm: opts.mileage };
        const result = domain(() =>
          opts.atMonths === undefined ? valueVehicle(input, model) : residualValue({ ...input, annualKm: opts.annualKm }, opts.atMonths, model),
        );
        if (opts.json) {
          const { valueFen, ...rest } = result;
          process.stdout.write(`${JSON.stringify({ value: formatMoney(valueFen), ...rest }, null, 2)}\n`);
        } else {
          process.stdout.write(renderValue(result, listPriceFen, opts.atMonths));
        }
      },
    );
}

import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { CalibrationBand, ScorecardModel, ScorecardPerformance, ScorecardTrainingOptions } from '@autofin/contracts';
import { evaluateScorecard, isDomainError, parseScorecardModel, scoreApplicants, trainScorecard } from '@autofin/domain';
import type { DataRow, Evaluation } from '@autofin/domain';
import { CliError } from '../cli-error.ts';

// `autofin scorecard train|score|report`: a thin shell around the domain's scorecard pipeline.
// CSV in (header row, empty field = missing), JSON model artefact and CSV scores out.

/** Reads a CSV file with a header row into rows of strings (empty string = missing). */
export function readCsvRows(file: string): DataRow[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read data file ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  let rows: DataRow[];
  try {
    rows = parse(text, { columns: true, bom: true, skip_empty_lines: true }) as DataRow[];
  } catch (err) {
    throw new CliError(`${file} is not a valid CSV file: ${(err as Error).message}`);
  }
  if (rows.length === 0) throw new CliError(`${file} has no data rows (a header row and at least one row are needed)`);
  return rows;
}

function readModel(file: string): ScorecardModel {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read model file ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`${file} is not a scorecard model: it is not JSON`);
  }
  try {
    return parseScorecardModel(json);
  } catch (err) {
    if (isDomainError(err)) throw new CliError(`${file} is ${err.message}`);
    throw err;
  }
}

function writeFile(file: string, content: string): void {
  try {
    writeFileSync(file, content);
  } catch (err) {
    throw new CliError(`cannot write ${file}: ${(err as Error).message}`);
  }
}

/** Domain errors about the user's data become `error: …` lines, not stack traces. */
function domainCall<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (isDomainError(err)) throw new CliError(err.message);
    throw err;
  }
}

function number(name: string, min = Number.NEGATIVE_INFINITY): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min) throw new CliError(`--${name} must be a number${min > Number.NEGATIVE_INFINITY ? ` ≥ ${min}` : ''}, got "${value}"`);
    return n;
  };
}

function integer(name: string, min: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new CliError(`--${name} must be a whole number ≥ ${min}, got "${value}"`);
    return n;
  };
}

function collectRatio(value: string, previous: ScorecardTrainingOptions['ratios']): ScorecardTrainingOptions['ratios'] {
  const m = /^([^=]+)=([^/]+)\/(.+)$/.exec(value);
  if (!m) throw new CliError(`--ratio must look like NAME=NUMERATOR/DENOMINATOR (e.g. LTV=Amount/Price), got "${value}"`);
  return [...previous, { name: (m[1] as string).trim(), numerator: (m[2] as string).trim(), denominator: (m[3] as string).trim() }];
}

// ---------- rendering ----------

const pct = (v: number | null): string => (v === null ? '-' : `${(100 * v).toFixed(1)}%`);
const f3 = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : '-');
const f4 = (v: number): string => (Number.isFinite(v) ? v.toFixed(4) : '-');

function table(header: string[], rows: string[][], leftColumns = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    '  ' +
    cells
      .map((c, i) => (i < leftColumns ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

function band(b: CalibrationBand): string {
  if (b.from === null && b.to === null) return 'all';
  if (b.from === null) return `< ${b.to}`;
  if (b.to === null) return `≥ ${b.from}`;
  return `${b.from}–${(b.to as number) - 1}`;
}

function performanceLines(title: string, p: ScorecardPerformance): string[] {
  return [
    `${title}: ${p.rows} rows, ${p.bads} bad (${pct(p.badRate)})   AUC ${f4(p.auc)}   KS ${f4(p.ks)}   Gini ${f4(p.gini)}`,
    '',
    'Calibration by score band (bands: deciles of the training scores):',
    table(
      ['score', 'rows', 'bads', 'observed bad rate', 'mean PD'],
      p.calibration.map((b) => [band(b), String(b.count), String(b.bads), pct(b.observedBadRate), pct(b.meanPd)]),
    ),
  ];
}

function psiVerdict(psi: number): string {
  if (!Number.isFinite(psi)) return '-';
  return psi < 0.1 ? 'stable' : psi < 0.25 ? 'watch' : 'shifted';
}

export function renderReport(model: ScorecardModel, evaluation?: { file: string; result: Evaluation }): string {
  const s = model.scaling;
  const out: string[] = [];
  out.push(`Scorecard ${model.id} version ${model.version}, trained ${model.trainedAt}; target ${model.target}, bad = "${model.badValue}"`);
  out.push(`Scaling: ${s.baseScore} points at ${s.baseOdds}:1 good:bad odds, ${s.pdo} points to double the odds (factor ${s.factor.toFixed(4)}, offset ${s.offset.toFixed(4)})`);
  out.push(
    model.options.coding === 'woe'
      ? 'Regression on the WOE of each characteristic (one coefficient each)'
      : 'Regression on bin indicators (one effect per bin; monotone characteristics kept monotone)',
  );
  out.push(`Score = ${model.basePoints} base points + the points of each characteristic's bin; PD = 1 / (1 + e^((score − ${s.offset.toFixed(4)}) / ${s.factor.toFixed(4)}))`);
  const t = model.report.tuning;
  if (t) {
    const chosen = t.candidates.find((c) => c.coding === t.chosen.coding && c.minBinShare === t.chosen.minBinShare && c.minIv === t.chosen.minIv && c.l2 === t.chosen.l2);
    out.push(
      `Tuned by ${t.folds}-fold CV inside the training data: ${t.chosen.coding === 'woe' ? 'WOE coding' : 'bins coding'}, minimum bin share ${t.chosen.minBinShare}, minimum IV ${t.chosen.minIv}, L2 ${t.chosen.l2} (inner CV AUC ${chosen ? f4(chosen.auc) : '-'})`,
    );
  }
  out.push('');
  out.push(...performanceLines('Training sample', model.report.training));
  out.push('');
  out.push(`Characteristics (${model.characteristics.length}):`);
  for (const c of model.characteristics) {
    out.push('');
    out.push(`  ${c.name} (${c.type}${c.ratio ? `, ${c.ratio.numerator} / ${c.ratio.denominator}` : ''})  IV ${f3(c.iv)}  ${c.coefficient === null ? 'own effect per bin' : `coefficient ${f3(c.coefficient)}`}  bad rate ${c.trend === 'none' ? 'by category' : c.trend}`);
    out.push(
      table(
        ['bin', 'rows', 'bads', 'bad rate', 'WOE', 'IV', 'points'],
        c.bins.map((b) => [b.label.en, String(b.count), String(b.bads), b.count > 0 ? pct(b.bads / b.count) : '-', f3(b.woe), f3(b.iv), String(b.points)]),
      )
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n'),
    );
  }
  const unused = model.report.variables.filter((v) => !v.selected);
  if (unused.length > 0) {
    out.push('');
    out.push('Variables not in the scorecard:');
    out.push(table(['variable', 'IV', 'why'], unused.map((v) => [v.name, f3(v.iv), v.dropped ?? ''])));
  }
  if (evaluation) {
    const e = evaluation.result;
    out.push('');
    out.push(`On ${evaluation.file}:`);
    if (e.performance) out.push(...performanceLines('New sample', e.performance));
    else out.push(`  ${e.rows} rows without the target column ${model.target}: stability only`);
    out.push('');
    out.push(`Population stability (PSI against training; < 0.1 stable, 0.1–0.25 watch, > 0.25 shifted):`);
    out.push(
      table(
        ['', 'PSI', 'verdict'],
        [['score', f4(e.stability.score), psiVerdict(e.stability.score)], ...e.stability.characteristics.map((c) => [c.name, f4(c.psi), psiVerdict(c.psi)])],
      ),
    );
  }
  return out.join('\n') + '\n';
}

// ---------- commands ----------

interface TrainOptions {
  data: string;
  target: string;
  bad: string;
  out: string;
  id?: string;
  modelVersion: string;
  seed: number;
  exclude?: string;
  ratio: ScorecardTrainingOptions['ratios'];
  baseScore: number;
  baseOdds: number;
  pdo: number;
  maxBins?: number;
  minIv?: number;
  l2?: number;
  tune: boolean;
}

export function registerScorecard(program: Command): void {
  const scorecard = program
    .command('scorecard')
    .description('train, apply and monitor points scorecards (WOE bins + logistic regression, scaled to points)');

  scorecard
    .command('train')
    .description('train a scorecard on a CSV file and write the model as JSON; prints the report')
    .requiredOption('--data <file>', 'training data: CSV with a header row; an empty field is a missing value')
    .requiredOption('--target <column>', 'the outcome column')
    .requiredOption('--bad <value>', 'the value of the target column that means bad (every other value is good)')
    .requiredOption('--out <file>', 'where to write the model (JSON)')
    .option('--id <id>', 'model id (default: the --out file name without .json)')
    .option('--model-version <version>', 'model version recorded in the artefact', '1')
    .option('--seed <n>', 'seed for the inner cross-validation folds', integer('seed', 0), 1)
    .option('--exclude <columns>', 'comma-separated columns to leave out (e.g. ids)')
    .option('--ratio <NAME=NUM/DEN>', 'add a ratio characteristic, e.g. LTV=Amount/Price (repeatable)', collectRatio, [])
    .option('--base-score <points>', 'score at the base odds', number('base-score'), 600)
    .option('--base-odds <odds>', 'good:bad odds at the base score (50 = 50:1)', number('base-odds', Number.MIN_VALUE), 50)
    .option('--pdo <points>', 'points to double the odds', number('pdo', Number.MIN_VALUE), 20)
    .option('--max-bins <n>', 'most bins per characteristic, not counting the missing bin (default 6)', integer('max-bins', 1))
    .option('--min-iv <iv>', 'smallest information value a characteristic needs; implies --no-tune (default: 0.01 or 0.02 by inner CV)', number('min-iv', 0))
    .option('--l2 <lambda>', 'L2 penalty; implies --no-tune (default: 0.1 … 100 by inner CV)', number('l2', 0))
    .option('--no-tune', 'skip choosing the bin share, IV threshold and L2 penalty by inner cross-validation (then 5%, 0.02, 1)')
    .addHelpText(
      'after',
      `
Numeric and text columns are detected from the data. One-hot groups (Prefix.Level columns with
exactly one 1 per row) are folded back into one characteristic.

Example:
  npx autofin scorecard train --data ../shared/data/credit_data_train.csv --target Status --bad bad \\
    --ratio LTV=Amount/Price --out credit.json`,
    )
    .action((opts: TrainOptions) => {
      const rows = readCsvRows(opts.data);
      const header = Object.keys(rows[0] as DataRow);
      if (!header.includes(opts.target)) throw new CliError(`the target column "${opts.target}" is not in ${opts.data} (columns: ${header.join(', ')})`);
      const options: Partial<ScorecardTrainingOptions> = {
        seed: opts.seed,
        ratios: opts.ratio,
        exclude: opts.exclude ? opts.exclude.split(',').map((c) => c.trim()).filter(Boolean) : [],
        tune: opts.tune && opts.l2 === undefined && opts.minIv === undefined,
        ...(opts.maxBins !== undefined ? { maxBins: opts.maxBins } : {}),
        ...(opts.minIv !== undefined ? { minIv: opts.minIv } : {}),
        ...(opts.l2 !== undefined ? { l2: opts.l2 } : {}),
      };
      const model = domainCall(() =>
        trainScorecard({
          rows,
          target: opts.target,
          badValue: opts.bad,
          id: opts.id ?? basename(opts.out).replace(/\.json$/i, ''),
          version: opts.modelVersion,
          trainedAt: new Date().toISOString(),
          options,
          scaling: { baseScore: opts.baseScore, baseOdds: opts.baseOdds, pdo: opts.pdo },
        }),
      );
      writeFile(opts.out, JSON.stringify(model, null, 2) + '\n');
      process.stdout.write(renderReport(model));
      process.stdout.write(`\nmodel written to ${opts.out}\n`);
    });

  scorecard
    .command('score')
    .description('score every row of a CSV file; writes one row per input row, in input order')
    .requiredOption('--model <file>', 'a model written by `scorecard train`')
    .requiredOption('--data <file>', 'applicants: CSV with a header row (the target column may be present or not)')
    .requiredOption('--out <file>', 'where to write the scores (CSV)')
    .option('--reasons <n>', 'most reason codes per row', integer('reasons', 0), 4)
    .addHelpText(
      'after',
      `
Output columns: row (1-based input row), score (points, higher is better), pd (probability of
the bad outcome), reasons (characteristics that cost the most points against their best bin,
separated by ";"), reason_texts_en, reason_texts_zh, and the target column when the input has it.`,
    )
    .action((opts: { model: string; data: string; out: string; reasons: number }) => {
      const model = readModel(opts.model);
      const rows = readCsvRows(opts.data);
      const results = domainCall(() => scoreApplicants(model, rows, opts.reasons));
      const withTarget = Object.hasOwn(rows[0] as DataRow, model.target);
      const records = results.map((r, i) => [
        i + 1,
        r.score,
        r.pd.toFixed(6),
        r.reasons.map((x) => x.characteristic).join(';'),
        r.reasons.map((x) => x.text.en).join(';'),
        r.reasons.map((x) => x.text.zh).join(';'),
        ...(withTarget ? [String((rows[i] as DataRow)[model.target] ?? '')] : []),
      ]);
      const header = ['row', 'score', 'pd', 'reasons', 'reason_texts_en', 'reason_texts_zh', ...(withTarget ? [model.target] : [])];
      writeFile(opts.out, stringify([header, ...records]));
      process.stdout.write(`${results.length} rows scored with ${model.id} version ${model.version}; written to ${opts.out}\n`);
    });

  scorecard
    .command('report')
    .description("print a model's report; with --data, also its AUC/KS/Gini and PSI on that data")
    .requiredOption('--model <file>', 'a model written by `scorecard train`')
    .option('--data <file>', 'new sample (CSV); AUC/KS need its target column, PSI does not')
    .option('--json', 'print the report as JSON instead of text')
    .action((opts: { model: string; data?: string; json?: boolean }) => {
      const model = readModel(opts.model);
      const evaluation = opts.data ? { file: opts.data, result: domainCall(() => evaluateScorecard(model, readCsvRows(opts.data as string))) } : undefined;
      if (opts.json) {
        process.stdout.write(JSON.stringify({ id: model.id, version: model.version, report: model.report, evaluation: evaluation?.result ?? null }, null, 2) + '\n');
        return;
      }
      process.stdout.write(renderReport(model, evaluation));
    });
}

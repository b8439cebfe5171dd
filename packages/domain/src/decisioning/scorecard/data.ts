import { DomainError } from '../../shared/domain-error.ts';

/** One parsed cell: a CSV gives strings (empty = missing); callers may also pass numbers. */
export type CellValue = string | number | boolean | null | undefined;
/** One applicant or one training row, keyed by column name. */
export type DataRow = Readonly<Record<string, CellValue>>;

export function isMissing(value: CellValue): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return Number.isNaN(value);
  if (typeof value === 'string') return value.trim() === '';
  return false;
}

/** The number a cell holds, or null when it is missing or not a number. */
export function cellNumber(value: CellValue): number | null {
  if (isMissing(value)) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const n = Number((value as string).trim());
  return Number.isFinite(n) ? n : null;
}

/** The text a cell holds (numbers as their shortest decimal form), or null when missing. */
export function cellText(value: CellValue): string | null {
  if (isMissing(value)) return null;
  return typeof value === 'string' ? value.trim() : String(value);
}

export type ColumnType = 'numeric' | 'categorical';

/** A column is numeric when every present value reads as a finite number. */
export function inferColumnType(rows: readonly DataRow[], column: string): ColumnType {
  let seen = false;
  for (const row of rows) {
    const v = row[column];
    if (isMissing(v)) continue;
    seen = true;
    if (cellNumber(v) === null) return 'categorical';
  }
  return seen ? 'numeric' : 'categorical';
}

/** Every column named in any row, in first-seen order. */
export function columnNames(rows: readonly DataRow[]): string[] {
  const names = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) names.add(key);
  return [...names];
}

/**
 * Reads the binary target: 1 = bad (the cell equals `badValue`), 0 = good (any other value).
 * Training needs both outcomes and a target in every row.
 */
export function readTarget(rows: readonly DataRow[], target: string, badValue: string): Uint8Array {
  if (rows.length === 0) throw scorecardDataError('data', 'the data has no rows');
  if (!rows.some((r) => Object.hasOwn(r, target))) {
    throw scorecardDataError('target', `the target column "${target}" is not in the data`);
  }
  const y = new Uint8Array(rows.length);
  let bads = 0;
  rows.forEach((row, i) => {
    const text = cellText(row[target]);
    if (text === null) throw scorecardDataError('target', `row ${i + 1}: the target column "${target}" is empty`);
    if (text === badValue) {
      y[i] = 1;
      bads++;
    }
  });
  if (bads === 0) throw scorecardDataError('badValue', `the bad value "${badValue}" does not occur in the target column "${target}"`);
  if (bads === rows.length) throw scorecardDataError('badValue', `every row has the bad value "${badValue}": there are no goods to learn from`);
  return y;
}

export function scorecardDataError(field: string, message: string): DomainError {
  return new DomainError('SCORECARD_INVALID_DATA', message, [{ field, message }]);
}

/** A one-hot group found in the data: 0/1 columns `Prefix.Level` with exactly one 1 per row. */
export interface OneHotGroup {
  name: string;
  columns: Array<{ column: string; category: string }>;
}

/**
 * Finds one-hot coded groups (e.g. `Purpose.NewCar`, `Purpose.UsedCar`, …) so that they can be
 * binned as one categorical characteristic a credit officer recognises, not as a dozen flags.
 */
export function findOneHotGroups(rows: readonly DataRow[], columns: readonly string[]): OneHotGroup[] {
  const byPrefix = new Map<string, string[]>();
  for (const column of columns) {
    const dot = column.indexOf('.');
    if (dot <= 0 || dot === column.length - 1) continue;
    const prefix = column.slice(0, dot);
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), column]);
  }
  const groups: OneHotGroup[] = [];
  for (const [prefix, members] of byPrefix) {
    if (members.length < 2 || columns.includes(prefix)) continue;
    let ok = true;
    for (const row of rows) {
      let sum = 0;
      for (const c of members) {
        const v = cellNumber(row[c]);
        if (v !== 0 && v !== 1) {
          ok = false;
          break;
        }
        sum += v;
      }
      if (!ok || sum !== 1) {
        ok = false;
        break;
      }
    }
    if (ok) groups.push({ name: prefix, columns: members.map((column) => ({ column, category: column.slice(prefix.length + 1) })) });
  }
  return groups;
}

/** The category a row holds for a one-hot group (null when none or several flags are set). */
export function oneHotValue(row: DataRow, columns: ReadonlyArray<{ column: string; category: string }>): string | null {
  let found: string | null = null;
  for (const { column, category } of columns) {
    const v = cellNumber(row[column]);
    if (v === 1) {
      if (found !== null) return null;
      found = category;
    }
  }
  return found;
}

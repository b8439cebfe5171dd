import type { DecisionStrategy } from '@autofin/contracts';

export interface DiffRow {
  /** JSON path in the definition, e.g. stages.3.tierMinScores.C */
  path: string;
  /** The same path with stage names and rule codes, e.g. "scorecard · tierMinScores.C". */
  label: string;
  before: string;
  after: string;
}

function flatten(value: unknown, path: string, out: Map<string, string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, path ? `${path}.${k}` : k, out);
  } else if (Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object')) {
    value.forEach((v, i) => flatten(v, `${path}.${i}`, out));
  } else {
    out.set(path, Array.isArray(value) ? value.join(', ') : value === null ? '—' : String(value));
  }
}

/** Readable label: stage index → stage name, rule index → rule code. */
function labelOf(strategy: DecisionStrategy, path: string): string {
  const m = /^stages\.(\d+)(?:\.(rules|conditions)\.(\d+))?\.?(.*)$/.exec(path);
  if (!m) return path;
  const stage = strategy.stages[Number(m[1])];
  if (!stage) return path;
  const parts: string[] = [stage.stage];
  if (m[2] && m[3]) {
    const items: Array<{ code: string }> = 'rules' in stage ? stage.rules : 'conditions' in stage ? stage.conditions : [];
    parts.push(items[Number(m[3])]?.code ?? `#${m[3]}`);
  }
  if (m[4]) parts.push(m[4]);
  return parts.join(' · ');
}

/** Every leaf that differs between the published definition and the draft (version excluded). */
export function strategyDiff(published: DecisionStrategy, draft: DecisionStrategy): DiffRow[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  flatten({ ...published, version: 0 }, '', a);
  flatten({ ...draft, version: 0 }, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths
    .filter((p) => a.get(p) !== b.get(p))
    .map((p) => ({ path: p, label: labelOf(b.has(p) ? draft : published, p), before: a.get(p) ?? '—', after: b.get(p) ?? '—' }));
}

import { sql, type DbOrTx } from '@autofin/db';
import type { DecisionData, DecisionInput, DecisionScore, RuleResult } from '@autofin/contracts';
import { decisionDataSchema, decisionInputSchema } from '@autofin/contracts';
import type { StoredScore } from '@autofin/domain';
import { rowsOf } from './demo-history.ts';

/**
 * Applications decided by the engine (application_decisions, written by the applications
 * service), as what-if and PSI read them: the input and data the decision used and the score it
 * stored. The stored input has the ID number and phone masked (DESIGN.md rule 8), so for a replay
 * they are restored to what the original checks saw:
 *
 *   ID number  masked as region + ******** + last four; the middle eight digits are the birth
 *              date, which the decision's checks confirmed against the declared birth date, so
 *              region + declared birth date + last four is the number itself. Restored only when
 *              the original decision's id_valid check passed; otherwise left masked, and it fails again.
 *   phone      masked as 138****5678; restored as 1380000 5678 (a well-formed number) only when
 *              the original phone_valid check passed. Velocity and shared-phone counts come from
 *              the stored data, not from the number.
 */
export interface LiveRecord {
  applicationId: string;
  decidedAt: Date;
  input: DecisionInput;
  data: DecisionData;
  score: StoredScore | null;
}

interface Row {
  application_id: string;
  decided_at: string | Date;
  input: unknown;
  data: unknown;
  score: unknown;
  rules: unknown;
}

const passed = (rules: readonly RuleResult[], kind: string): boolean => rules.some((r) => r.kind === kind && r.outcome === 'pass');

function restore(input: Record<string, unknown>, rules: readonly RuleResult[]): unknown {
  const person = (p: unknown): unknown => {
    if (!p || typeof p !== 'object') return p;
    const a = p as { idNumber?: unknown; phone?: unknown; birthDate?: unknown };
    const out: Record<string, unknown> = { ...a };
    if (passed(rules, 'id_valid') && typeof a.idNumber === 'string' && a.idNumber.length === 18 && typeof a.birthDate === 'string') {
      out.idNumber = `${a.idNumber.slice(0, 6)}${a.birthDate.replaceAll('-', '')}${a.idNumber.slice(14)}`;
    }
    if (passed(rules, 'phone_valid') && typeof a.phone === 'string' && /^\d{3}\*{4}\d{4}$/.test(a.phone)) out.phone = a.phone.replace('****', '0000');
    return out;
  };
  return { ...input, applicant: person(input.applicant), coApplicant: person(input.coApplicant) };
}

function storedScore(score: unknown): StoredScore | null {
  if (!score || typeof score !== 'object') return null;
  const { tier: _tier, action: _action, ...rest } = score as DecisionScore;
  return rest;
}

/** The latest automatic decision of each application decided in [from, to), oldest first; records that no longer parse are skipped. */
export async function liveDecisionRecords(db: DbOrTx, from: Date, to: Date): Promise<LiveRecord[]> {
  const result = await db.execute(sql`
    SELECT DISTINCT ON (application_id) application_id, decided_at, input, data, score, rules
      FROM application_decisions
     WHERE kind = 'automatic' AND input IS NOT NULL AND data IS NOT NULL
       AND decided_at >= ${from.toISOString()} AND decided_at < ${to.toISOString()}
     ORDER BY application_id, decided_at DESC`);
  const out: LiveRecord[] = [];
  for (const r of rowsOf<Row>(result)) {
    const rules = Array.isArray(r.rules) ? (r.rules as RuleResult[]) : [];
    const input = decisionInputSchema.safeParse(r.input && typeof r.input === 'object' ? restore(r.input as Record<string, unknown>, rules) : r.input);
    const data = decisionDataSchema.safeParse(r.data);
    if (!input.success || !data.success) continue;
    out.push({ applicationId: r.application_id, decidedAt: new Date(r.decided_at), input: input.data, data: data.data, score: storedScore(r.score) });
  }
  return out.sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime() || (a.applicationId < b.applicationId ? -1 : 1));
}

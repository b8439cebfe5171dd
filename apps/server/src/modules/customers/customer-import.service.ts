import type { Database } from '@autofin/db';
import { customerImportRowSchema, type CustomerImportRow } from '@autofin/contracts';
import type { PersonalDataProtector } from '../../security/personal-data.ts';
import { claimOf, resolveClaims } from './identity.repository.ts';
import { refreshDerived } from './event-ingest.service.ts';
import { runnerOf } from './sql-runner.ts';

export interface CustomerImportResult {
  written: number;
  affected: string[];
  issues: Array<{ line: number; field: string; reason: string }>;
}

/**
 * One batch of `autofin import customers`, all or nothing: every row is validated first; then each row
 * is resolved like an event's identifiers (ID number and verified phone are strong, a dealer CRM id
 * weak) so a known person is enriched rather than duplicated, and its empty profile fields are filled.
 * Existing values are never overwritten by an import.
 */
export async function importCustomerBatch(database: Database, raw: readonly Record<string, string>[], lines: readonly number[], protector: PersonalDataProtector, now: Date): Promise<CustomerImportResult> {
  const rows: CustomerImportRow[] = [];
  const issues: CustomerImportResult['issues'] = [];
  raw.forEach((r, i) => {
    const parsed = customerImportRowSchema.safeParse(r);
    if (parsed.success) rows.push(parsed.data);
    else for (const issue of parsed.error.issues) issues.push({ line: lines[i]!, field: issue.path.map(String).join('.') || '(row)', reason: issue.message });
  });
  if (issues.length > 0) return { written: 0, affected: [], issues };

  const affected = await database.db.transaction(async (tx) => {
    const db = runnerOf(tx);
    const claims = rows.map((r) =>
      claimOf({ idNumber: r.id_number, phone: r.phone, phoneVerified: r.phone_verified, email: r.email, dealerCrmId: r.dealer_crm_id }, protector),
    );
    const { targets } = await resolveClaims(db, claims, protector, 'import', now);
    await db.query(
      `UPDATE customers c SET
          name = CASE WHEN c.name = '' THEN u.name ELSE c.name END,
          phone = CASE WHEN c.phone = '' THEN u.phone ELSE c.phone END,
          email = coalesce(c.email, u.email),
          gender = coalesce(c.gender, u.gender),
          birth_date = coalesce(c.birth_date, u.birth_date),
          city_id = coalesce(c.city_id, u.city_id),
          kind = CASE WHEN u.kind IS NOT NULL AND c.source = 'import' THEN u.kind ELSE c.kind END,
          anonymous = false,
          updated_at = $9::timestamptz
        FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::int[], $8::text[]) AS u(id, name, phone, email, gender, birth_date, city_id, kind)
       WHERE c.id = u.id`,
      [
        `{${targets.join(',')}}`,
        pgArray(rows.map((r) => r.name)),
        pgArray(rows.map((r) => r.phone)),
        pgArray(rows.map((r) => r.email ?? null)),
        pgArray(rows.map((r) => r.gender ?? null)),
        pgArray(rows.map((r) => r.birth_date ?? null)),
        pgArray(rows.map((r) => (r.city_id === undefined ? null : String(r.city_id)))),
        pgArray(rows.map((r) => r.kind ?? null)),
        now.toISOString(),
      ],
    );
    const ids = [...new Set(targets)];
    await refreshDerived(db, ids, now);
    return ids;
  });
  return { written: rows.length, affected, issues: [] };
}

function pgArray(values: ReadonlyArray<string | null>): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}

import { sql, type DbOrTx, type SQL } from '@autofin/db';

/**
 * Finding the customer behind an identity without plaintext: customers and customer_identities
 * hold only keyed hashes of ID numbers (apps/server/src/security/personal-data.ts). Used by the
 * applications service to find or create the applicant's customer profile; the customer data
 * foundation extends it (merges, weak identifiers).
 */

export interface MatchedCustomer {
  id: string;
  /** 'simulator' for the demo market's customers (演示数据). */
  source: string;
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/**
 * The customer whose ID-number hash is one of `idNumberHashes` (the platform's keyed hash first;
 * callers may add the demo market's own hash), following a merge to the surviving profile. The
 * oldest profile wins when (before any merge) two carry the same hash. As SQL, so the decision's
 * data loader can make it part of its one statement.
 */
export function customerByIdNumberHashSql(idNumberHashes: readonly string[]): SQL {
  const list = sql.join(
    (idNumberHashes.length > 0 ? idNumberHashes : ['']).map((h) => sql`${h}`),
    sql`, `,
  );
  return sql`
    SELECT coalesce(s.id, c.id) AS id, coalesce(s.source, c.source) AS source
      FROM customers c LEFT JOIN customers s ON s.id = c.merged_into
     WHERE c.id_number_hash IN (${list})
     ORDER BY c.created_at, c.id
     LIMIT 1`;
}

export async function findCustomerByIdNumberHash(db: DbOrTx, idNumberHashes: readonly string[]): Promise<MatchedCustomer | null> {
  if (idNumberHashes.length === 0) return null;
  return rowsOf<MatchedCustomer>(await db.execute(customerByIdNumberHashSql(idNumberHashes)))[0] ?? null;
}

export interface NewApplicantCustomer {
  name: string;
  phone: string;
  idNumberHash: string;
  /** AES-256-GCM of the ID number (L3), for authorised unmasking. */
  idNumberEnc: string;
  phoneHash: string;
  birthDate: string;
  gender: 'M' | 'F';
  occupation: string;
  incomeBand: string;
  email: string | null;
  at: Date;
}

/**
 * Creates the customer profile of a first-time applicant with its strong identifiers (ID number,
 * phone) in customer_identities. Two first applications of the same person racing each other: the
 * identity's unique index lets one win; the loser's new profile is removed again and the winner's
 * id returned, all inside the caller's transaction.
 */
export async function createApplicantCustomer(tx: DbOrTx, c: NewApplicantCustomer): Promise<string> {
  const created = rowsOf<{ id: string }>(
    await tx.execute(sql`
      INSERT INTO customers (name, phone, id_number_hash, id_number_enc, gender, birth_date, occupation, income_band, email, first_seen_at, acquisition_channel, source, created_at, updated_at)
      VALUES (${c.name}, ${c.phone}, ${c.idNumberHash}, ${c.idNumberEnc}, ${c.gender}, ${c.birthDate}, ${c.occupation}, ${c.incomeBand}, ${c.email}, ${c.at}, 'application', 'application', ${c.at}, ${c.at})
      RETURNING id`),
  )[0]!.id;
  const claimed = rowsOf<{ customer_id: string }>(
    await tx.execute(sql`
      INSERT INTO customer_identities (customer_id, type, value_hash, strong, verified, source, first_seen_at)
      VALUES (${created}, 'id_number', ${c.idNumberHash}, true, false, 'api', ${c.at})
      ON CONFLICT (type, value_hash) DO NOTHING
      RETURNING customer_id`),
  );
  if (claimed.length === 0) {
    const owner = rowsOf<{ customer_id: string }>(await tx.execute(sql`SELECT customer_id FROM customer_identities WHERE type = 'id_number' AND value_hash = ${c.idNumberHash}`))[0]!;
    await tx.execute(sql`DELETE FROM customers WHERE id = ${created}`);
    return owner.customer_id;
  }
  // A phone may change hands; it is recorded for the profile that first used it.
  await tx.execute(sql`
    INSERT INTO customer_identities (customer_id, type, value_hash, strong, verified, source, first_seen_at)
    VALUES (${created}, 'phone', ${c.phoneHash}, false, false, 'api', ${c.at})
    ON CONFLICT (type, value_hash) DO NOTHING`);
  return created;
}

import type { Database } from '@autofin/db';
import type { UploadedDocument } from '@autofin/contracts';

/** Stores the file's bytes in the database (bytea, passed as base64 text: see the quotes repository for why). */
export async function storeDocument(
  database: Database,
  d: { partnerId: string; applicationId: string; stipulationId: string; fileName: string; mediaType: string; bytes: Buffer; sha256: string },
): Promise<UploadedDocument> {
  const rows = await database.query<{ id: string; created_at: string | Date }>(
    `INSERT INTO partner_documents (partner_id, application_id, stipulation, file_name, media_type, size_bytes, sha256, content)
     VALUES ($1, $2, $3, $4, $5, $6, $7, decode($8, 'base64')) RETURNING id, created_at`,
    [d.partnerId, d.applicationId, d.stipulationId, d.fileName, d.mediaType, d.bytes.length, d.sha256, d.bytes.toString('base64')],
  );
  const r = rows[0]!;
  return {
    id: r.id,
    applicationId: d.applicationId,
    stipulationId: d.stipulationId,
    fileName: d.fileName,
    mediaType: d.mediaType,
    sizeBytes: d.bytes.length,
    sha256: d.sha256,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

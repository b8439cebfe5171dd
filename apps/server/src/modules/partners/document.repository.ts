import type { Database } from '@autofin/db';
import type { ApplicationDocument, UploadedDocument } from '@autofin/contracts';

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

interface DocumentRow {
  id: string;
  partner_id: string;
  application_id: string;
  stipulation: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  created_at: string | Date;
  stip_id: string | null;
  stip_type: string | null;
  stip_status: string | null;
  stip_verified_at: string | Date | null;
}

const iso = (v: string | Date | null): string | null => (v === null ? null : new Date(v).toISOString());

/**
 * The documents uploaded for one application, newest first, each with the stipulation it answers
 * as that stands now. The caller has already checked that the application is visible to it.
 */
export async function listDocuments(database: Database, applicationId: string): Promise<ApplicationDocument[]> {
  const rows = await database.query<DocumentRow>(
    `SELECT d.id, d.partner_id, d.application_id, d.stipulation, d.file_name, d.media_type, d.size_bytes, d.sha256, d.created_at,
            s.id AS stip_id, s.type AS stip_type, s.status AS stip_status, s.verified_at AS stip_verified_at
       FROM partner_documents d LEFT JOIN application_stipulations s ON s.id::text = d.stipulation AND s.application_id = d.application_id
      WHERE d.application_id = $1 ORDER BY d.created_at DESC, d.id`,
    [applicationId],
  );
  return rows.map((r) => ({
    id: r.id,
    applicationId: r.application_id,
    stipulationId: r.stipulation,
    fileName: r.file_name,
    mediaType: r.media_type,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    createdAt: iso(r.created_at)!,
    partnerId: r.partner_id,
    stipulation: r.stip_id ? { id: r.stip_id, type: r.stip_type!, status: r.stip_status!, verifiedAt: iso(r.stip_verified_at) } : null,
  }));
}

/** One document's bytes — only under the application it belongs to (another application's id finds nothing). */
export async function readDocument(database: Database, applicationId: string, documentId: string): Promise<{ fileName: string; mediaType: string; sha256: string; bytes: Buffer } | null> {
  const rows = await database.query<{ file_name: string; media_type: string; sha256: string; content_b64: string }>(
    `SELECT file_name, media_type, sha256, encode(content, 'base64') AS content_b64 FROM partner_documents WHERE id = $1 AND application_id = $2`,
    [documentId, applicationId],
  );
  const r = rows[0];
  return r ? { fileName: r.file_name, mediaType: r.media_type, sha256: r.sha256, bytes: Buffer.from(r.content_b64, 'base64') } : null;
}

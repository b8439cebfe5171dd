import { createHash } from 'node:crypto';
import { MAX_DOCUMENT_BYTES, type UploadDocumentBody } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';

/** The first bytes each accepted type starts with: the declared type must be the file's real one. */
const MAGIC: Record<UploadDocumentBody['mediaType'], number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

export interface CheckedDocument {
  bytes: Buffer;
  sha256: string;
}

/** Decodes the base64 content and checks its size and that it is what its media type says. */
export function checkDocument(body: UploadDocumentBody): CheckedDocument {
  const bytes = Buffer.from(body.contentBase64, 'base64');
  if (bytes.length === 0) throw new DomainError('DOCUMENT_INVALID', 'contentBase64 decodes to an empty file', [{ field: 'contentBase64', message: 'is empty' }]);
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    throw new DomainError('DOCUMENT_INVALID', `the document is ${bytes.length} bytes; the limit is ${MAX_DOCUMENT_BYTES} (5 MiB)`, [{ field: 'contentBase64', message: `is larger than ${MAX_DOCUMENT_BYTES} bytes` }]);
  }
  const magic = MAGIC[body.mediaType];
  if (!magic.every((b, i) => bytes[i] === b)) {
    throw new DomainError('DOCUMENT_INVALID', `the content is not a ${body.mediaType} file`, [{ field: 'mediaType', message: `does not match the content (not a ${body.mediaType} file)` }]);
  }
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

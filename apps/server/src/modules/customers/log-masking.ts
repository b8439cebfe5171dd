import { maskIdNumber, maskPhone } from '@autofin/domain';

const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/**
 * Masks resident ID numbers and mainland mobile numbers inside free text (DESIGN.md rule 8: L1 masked
 * in logs too). Request URLs are the main carrier: `GET /api/customers?q=13812345678` is logged as
 * `?q=138****5678`.
 */
export function maskPersonalDataInText(text: string): string {
  return text.replace(ID_NUMBER, (m) => maskIdNumber(m)).replace(MOBILE, (m) => maskPhone(m));
}

interface LoggedRequest {
  method: string;
  url: string;
  hostname?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** Fastify's request serializer with the URL masked. */
export function maskedRequestSerializer(req: LoggedRequest): Record<string, unknown> {
  return { method: req.method, url: maskPersonalDataInText(req.url), host: req.hostname, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}

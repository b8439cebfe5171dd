import { z } from 'zod';

/** Money on the wire: a decimal string with exactly two places, e.g. "12345.67" (yuan). */
export const moneySchema = z
  .string()
  .regex(/^-?\d{1,13}\.\d{2}$/, 'must be a decimal string with two places, e.g. "12345.67"');

/** Non-negative money. */
export const amountSchema = z.string().regex(/^\d{1,13}\.\d{2}$/, 'must be a non-negative decimal string with two places, e.g. "12345.67"');

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
export const uuidSchema = z.uuid();

export const paginationQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

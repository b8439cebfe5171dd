import { z } from 'zod';

/** RFC 9457 problem details, as every error response of /api and /v1 carries it. */
export const problemSchema = z
  .object({
    type: z.string().describe('A URI naming the problem type'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().describe('Stable error code from the registry'),
    requestId: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof problemSchema>;

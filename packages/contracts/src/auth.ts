import { z } from 'zod';

export const roles = ['admin', 'marketing', 'risk', 'compliance', 'dealer_ops', 'viewer'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const loginRequestSchema = z
  .object({
    email: z.email().max(254),
    password: z.string().min(1).max(200),
  })
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    roles: z.array(roleSchema),
    locale: z.enum(['zh-CN', 'en-US']),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;

export const meResponseSchema = z.object({ user: userSchema }).meta({ id: 'MeResponse' });
export type MeResponse = z.infer<typeof meResponseSchema>;

/** Public: whether this installation has the demo users (the sign-in page lists them only then). */
export const demoInfoSchema = z
  .object({ demo: z.boolean(), password: z.string().nullable() })
  .meta({ id: 'DemoInfo' });
export type DemoInfo = z.infer<typeof demoInfoSchema>;

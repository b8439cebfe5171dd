import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * All configuration, validated once at start-up (DESIGN.md rule 3). Nothing else reads
 * process.env: the server, CLI and tests pass an environment object in.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  AUTOFIN_DATA_DIR: z.string().min(1).default('./.autofin'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  AUTOFIN_SEED_CUSTOMERS: z.coerce.number().int().min(0).max(5_000_000).default(20_000),
  AUTOFIN_SEED: z.coerce.number().int().min(0).default(20261122),
  /** The demo market's "today" (YYYY-MM-DD); default: yesterday in China, so its recent activity is recent. */
  AUTOFIN_DEMO_AS_OF: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  AUTOFIN_ADMIN_EMAIL: z.email().default('admin@autofin.local'),
  AUTOFIN_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  AUTOFIN_SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  AUTOFIN_COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  AUTOFIN_BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  AUTOFIN_WEB_DIST: z.string().optional(),
  /** 32 bytes as 64 hex characters or base64: encrypts L3 personal data and keys its lookup hashes. */
  AUTOFIN_MASTER_KEY: z
    .string()
    .refine((v) => /^[0-9a-fA-F]{64}$/.test(v.trim()) || Buffer.from(v.trim(), 'base64').length === 32, 'must be 32 bytes: 64 hex characters or base64')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * 1: webhooks may go to loopback/private addresses and plain http:// (local development, the
   * test suite's local receivers). Never in production: it reopens the SSRF guard (ADR 0011).
   */
  AUTOFIN_WEBHOOK_ALLOW_PRIVATE: z.enum(['0', '1', 'true', 'false']).default('0'),
  /** E-mail for campaigns through this SMTP server (smtp:// or smtps://); unset: the simulated e-mail provider. */
  AUTOFIN_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The sender of campaign e-mail, e.g. "某某汽车金融 <marketing@example.cn>" */
  AUTOFIN_SMTP_FROM: z.string().min(3).optional(),
  /** Whether this instance runs the campaign jobs (scheduler, audience build, dispatcher, receipts). */
  AUTOFIN_CAMPAIGN_JOBS: z.enum(['true', 'false']).default('true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: z.enum(['true', 'false']).optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  seedCustomers: number;
  /** The demo market's "today"; undefined: the day before the first start, in China. */
  demoAsOf: string | undefined;
  seed: number;
  adminEmail: string;
  adminPassword: string | undefined;
  sessionHours: number;
  cookieSecure: boolean;
  bodyLimit: number;
  webDist: string;
  /** AUTOFIN_MASTER_KEY; without it a key is generated once into masterKeyFile (with a warning). */
  masterKey: string | undefined;
  masterKeyFile: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  logPretty: boolean;
  smtpUrl: string | undefined;
  smtpFrom: string | undefined;
  campaignJobs: boolean;
  /** AUTOFIN_WEBHOOK_ALLOW_PRIVATE: webhook URLs may be private/loopback and http:// (development only). */
  webhookAllowPrivate: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.AUTOFIN_DATA_DIR, 'pgdata'),
    databaseUrl: e.DATABASE_URL,
    seedCustomers: e.AUTOFIN_SEED_CUSTOMERS,
    seed: e.AUTOFIN_SEED,
    demoAsOf: e.AUTOFIN_DEMO_AS_OF,
    adminEmail: e.AUTOFIN_ADMIN_EMAIL,
    adminPassword: e.AUTOFIN_ADMIN_PASSWORD,
    sessionHours: e.AUTOFIN_SESSION_HOURS,
    cookieSecure: e.AUTOFIN_COOKIE_SECURE,
    bodyLimit: e.AUTOFIN_BODY_LIMIT,
    webDist: e.AUTOFIN_WEB_DIST ?? resolve(new URL('../../web/dist', import.meta.url).pathname),
    masterKey: e.AUTOFIN_MASTER_KEY,
    masterKeyFile: resolve(e.AUTOFIN_DATA_DIR, 'master.key'),
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_PRETTY ? e.LOG_PRETTY === 'true' : Boolean(process.stdout.isTTY),
    smtpUrl: e.AUTOFIN_SMTP_URL,
    smtpFrom: e.AUTOFIN_SMTP_FROM,
    campaignJobs: e.AUTOFIN_CAMPAIGN_JOBS === 'true',
    webhookAllowPrivate: e.AUTOFIN_WEBHOOK_ALLOW_PRIVATE === '1' || e.AUTOFIN_WEBHOOK_ALLOW_PRIVATE === 'true',
  };
}

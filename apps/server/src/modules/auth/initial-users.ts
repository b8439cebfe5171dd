import { roles, type Role } from '@autofin/contracts';
import type { Database } from '@autofin/db';
import { hashPassword } from './password.ts';
import { countUsers, insertUser } from './user.repository.ts';
import { recordAudit } from '../audit/audit.repository.ts';

export const DEMO_PASSWORD = 'autofin-demo';

const demoNames: Record<Role, string> = {
  admin: '系统管理员',
  marketing: '市场运营 · 王敏',
  risk: '风险分析 · 李强',
  compliance: '合规专员 · 陈静',
  dealer_ops: '经销商运营 · 赵磊',
  viewer: '管理层只读 · 刘洋',
};

export type InitialUsers =
  | { kind: 'demo'; emails: string[]; password: string }
  | { kind: 'admin'; email: string }
  | { kind: 'existing' };

/**
 * On a database with no users: with AUTOFIN_ADMIN_PASSWORD set (production) create only that
 * admin; otherwise create one demo user per role, all with the published demo password.
 */
export async function ensureInitialUsers(database: Database, opts: { adminEmail: string; adminPassword: string | undefined }): Promise<InitialUsers> {
  return database.withLock(7_236_002, async () => {
    if ((await countUsers(database.db)) > 0) return { kind: 'existing' } as const;
    if (opts.adminPassword) {
      const row = await insertUser(database.db, {
        email: opts.adminEmail,
        name: 'Administrator',
        passwordHash: await hashPassword(opts.adminPassword),
        roles: ['admin'],
        isDemo: false,
      });
      await recordAudit(database.db, { actor: { type: 'system', label: 'start-up' }, action: 'user.created', entityType: 'user', entityId: row.id, after: { email: row.email, roles: row.roles } });
      return { kind: 'admin', email: row.email } as const;
    }
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const emails: string[] = [];
    await database.db.transaction(async (tx) => {
      for (const role of roles) {
        const row = await insertUser(tx, { email: `${role}@autofin.local`, name: demoNames[role], passwordHash, roles: [role], isDemo: true });
        emails.push(row.email);
        await recordAudit(tx, { actor: { type: 'system', label: 'start-up' }, action: 'user.created', entityType: 'user', entityId: row.id, after: { email: row.email, roles: row.roles, demo: true } });
      }
    });
    return { kind: 'demo', emails, password: DEMO_PASSWORD } as const;
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@autofin/db';
import type { ChannelAdapter, OutgoingMessage, SendResult } from './channels/channel-adapter.ts';
import { CampaignDispatcher } from './dispatcher.ts';
import { enqueueMessages } from './enqueue.service.ts';

/**
 * The dispatcher decides on its own clock (the campaign clock tests and the simulated days set), and
 * so must everything it hands a provider: the recipient's age, which the simulated call-centre uses
 * for its connect rate, is the age on the clock's date in the policy's zone (Asia/Shanghai), not on
 * the real date, which is years after this clock (each age below would be too high).
 */
let db: TestDatabase;
// 10:00 on 14 June 2025 in Shanghai (outside quiet hours).
const clock = new Date('2025-06-14T02:00:00Z');
const customers = [
  { id: randomUUID(), birth: '1990-06-15', age: 34 }, // 35 tomorrow
  { id: randomUUID(), birth: '1990-06-14', age: 35 }, // 35 today
  { id: randomUUID(), birth: '1990-06-13', age: 35 },
];

class RecordingSms implements ChannelAdapter {
  readonly channel = 'sms' as const;
  readonly provider = 'test-recorder';
  readonly sent: OutgoingMessage[] = [];
  async send(m: OutgoingMessage): Promise<SendResult> {
    this.sent.push(m);
    return { ok: true, provider: this.provider, providerMessageId: `rec-${m.messageId}`, receipts: [] };
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  for (const [i, c] of customers.entries()) {
    await db.query(`INSERT INTO customers (id, name, phone, birth_date, source) VALUES ($1, $2, $3, $4, 'test')`, [c.id, `年龄${i}`, `1380000000${i}`, c.birth]);
    await db.query(`INSERT INTO customer_consents (customer_id, purpose, channel, status, granted_at, captured_via) VALUES ($1, 'marketing', 'sms', 'granted', '2025-01-01T00:00:00Z', 'app')`, [c.id]);
  }
}, 60_000);
afterAll(async () => db?.destroy());

describe('the dispatcher on its own clock', () => {
  it('hands the provider each recipient’s age on the clock’s date', async () => {
    const journeyId = randomUUID();
    const queued = await enqueueMessages(
      db,
      { journeyId, items: customers.map((c) => ({ customerId: c.id, journeyKey: `age:${c.id}` })), channel: 'sms', purpose: 'marketing', template: { zh: '{{name|您好}}，您的专属车贷方案已更新。' } },
      clock,
    );
    expect(queued.inserted).toBe(3);
    const sms = new RecordingSms();
    const result = await new CampaignDispatcher(db, new Map([['sms', sms]]), () => clock).runOnce();
    expect(result.sent).toBe(3);
    const ages = new Map(sms.sent.map((m) => [m.recipient.customerId, m.recipient.profile.ageYears]));
    expect(Object.fromEntries(ages)).toEqual(Object.fromEntries(customers.map((c) => [c.id, c.age])));
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import type { OutgoingMessage } from './channel-adapter.ts';
import { SmtpEmailAdapter } from './smtp-email.adapter.ts';

// A real SMTP server on a loopback port: the adapter speaks SMTP to it exactly as to a provider.
const received: Array<{ from: string; to: string[]; raw: string }> = [];
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      // 550 for a mailbox that does not exist: a permanent failure
      if (address.address.startsWith('nobody@')) return callback(Object.assign(new Error('no such user'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

const message = (email: string | null): OutgoingMessage => ({
  messageId: '6f0c2a4e-1b7d-4a53-9c11-0d7b1e2f3a4b',
  campaignId: null,
  journeyId: null,
  channel: 'email',
  purpose: 'marketing',
  subject: '新能源车贷限时优惠',
  text: '张先生，您好：新能源车贷年利率 2.99%，月供 3,210.00 元。',
  recipient: { customerId: 'c', phone: null, email, wechatLinked: false, appUser: false, dealerId: null, profile: { digitalScore: null, preferredChannel: null, cityTier: null, ageYears: null } },
});

describe('SmtpEmailAdapter against a local SMTP server', () => {
  it('delivers the mail with sender, recipient, subject, body and the outbox id header', async () => {
    const adapter = new SmtpEmailAdapter({ url: `smtp://127.0.0.1:${port}`, from: '某某汽车金融 <marketing@autofin.local>' });
    const r = await adapter.send(message('zhang@example.cn'));
    await adapter.close();
    expect(r.ok).toBe(true);
    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.from).toBe('marketing@autofin.local');
    expect(mail.to).toEqual(['zhang@example.cn']);
    expect(mail.raw.toLowerCase()).toContain('x-autofin-message-id: 6f0c2a4e-1b7d-4a53-9c11-0d7b1e2f3a4b');
    // Subject is RFC 2047 encoded (non-ASCII); the body is UTF-8 (quoted-printable or base64).
    expect(mail.raw).toMatch(/Subject: =\?UTF-8\?[BQ]\?/i);
    if (r.ok) expect(r.receipts).toEqual([]);
  });

  it('a refused mailbox is a permanent failure; a missing address is not even tried', async () => {
    const adapter = new SmtpEmailAdapter({ url: `smtp://127.0.0.1:${port}`, from: 'marketing@autofin.local' });
    const refused = await adapter.send(message('nobody@example.cn'));
    expect(refused).toMatchObject({ ok: false, provider: 'smtp', retryable: false });
    const none = await adapter.send(message(null));
    expect(none).toEqual({ ok: false, provider: 'smtp', error: 'no_email', retryable: false });
    await adapter.close();
    expect(received).toHaveLength(1);
  });

  it('an unreachable server is retryable', async () => {
    const adapter = new SmtpEmailAdapter({ url: 'smtp://127.0.0.1:1', from: 'marketing@autofin.local' });
    const r = await adapter.send(message('zhang@example.cn'));
    expect(r).toMatchObject({ ok: false, retryable: true });
    await adapter.close();
  });
});

import nodemailer, { type Transporter } from 'nodemailer';
import type { ChannelAdapter, OutgoingMessage, SendResult } from './channel-adapter.ts';

export interface SmtpOptions {
  /** smtp://user:pass@host:port or smtps://… (AUTOFIN_SMTP_URL) */
  url: string;
  /** The sender identity on every mail (AUTOFIN_SMTP_FROM) */
  from: string;
}

/**
 * E-mail through a real SMTP server (nodemailer). The SMTP server's acceptance is the "sent" state;
 * bounces and clicks arrive outside SMTP (a provider's webhook) and are not simulated for this
 * adapter, so an e-mail sent through it stays `sent` unless such a receipt is recorded.
 * A 4xx answer (greylisting, a full queue) is retryable; a 5xx (no such mailbox) is not.
 */
export class SmtpEmailAdapter implements ChannelAdapter {
  readonly channel = 'email' as const;
  readonly provider = 'smtp';
  private readonly transport: Transporter;

  constructor(private readonly options: SmtpOptions) {
    this.transport = nodemailer.createTransport(options.url);
  }

  async send(m: OutgoingMessage): Promise<SendResult> {
    const to = m.recipient.email;
    if (!to) return { ok: false, provider: this.provider, error: 'no_email', retryable: false };
    try {
      const info = await this.transport.sendMail({
        from: this.options.from,
        to,
        subject: m.subject ?? '',
        text: m.text,
        // Lets the mail be matched to its outbox row in bounce reports without any personal data.
        headers: { 'X-Autofin-Message-Id': m.messageId },
      });
      return { ok: true, provider: this.provider, providerMessageId: String(info.messageId), receipts: [] };
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, provider: this.provider, error: `smtp: ${message}`.slice(0, 300), retryable: code === undefined || code < 500 };
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

import type { MessagePurpose } from '@autofin/contracts';
import { DomainError } from '../shared/domain-error.ts';

/**
 * SMS length as Chinese carriers bill it: a message of up to 70 characters is one 条; a longer one is
 * sent as concatenated parts of 67 characters each (the other 3 carry the reassembly header, UDH),
 * and each part is billed. Characters are UTF-16 code units, which is what UCS-2 transmits (an emoji
 * takes two). The signature and the opt-out text count too: they are part of what is sent.
 */
export const SMS_SINGLE_LIMIT = 70;
export const SMS_PART_LIMIT = 67;

export function smsSegments(text: string): { characters: number; segments: number } {
  const characters = text.length;
  if (characters === 0) return { characters, segments: 0 };
  return { characters, segments: characters <= SMS_SINGLE_LIMIT ? 1 : Math.ceil(characters / SMS_PART_LIMIT) };
}

export const SMS_OPT_OUT = { zh: '回T退订', en: 'Reply T to unsubscribe' } as const;
const HAS_OPT_OUT = /回\s*T\s*退订|退订回\s*T|reply\s+t\s+to\s+(unsubscribe|opt\s*out)/i;
const LEADING_SIGNATURE = /^\s*【([^】]*)】/;

export interface ComposedSms {
  text: string;
  characters: number;
  segments: number;
}

/**
 * The SMS as it goes out: 【签名】 first (carriers reject commercial SMS without the registered
 * signature in full-width brackets — MIIT 《通信短信息服务管理规定》 art. 18 requires the sender's
 * identity), then the body, then, for marketing, the opt-out instruction (same rules, art. 17–18:
 * a recipient must be able to refuse further messages). Both are added here, once, for every
 * message, so no template can forget them; a body that already carries them is not doubled.
 * The opt-out follows a space so a link at the end of the body stays clickable.
 */
export function composeSms(input: { body: string; senderName: string; language: 'zh' | 'en'; purpose: MessagePurpose }): ComposedSms {
  const sender = input.senderName.trim();
  if (sender.length < 2 || /[【】]/.test(sender)) {
    throw new DomainError('CAMPAIGN_INVALID', 'the SMS signature must be 2 or more characters without 【】', [{ field: 'senderName', message: 'e.g. 某某汽车金融' }]);
  }
  let body = input.body.trim();
  const existing = LEADING_SIGNATURE.exec(body);
  if (existing) {
    if (existing[1] !== sender) {
      throw new DomainError('CAMPAIGN_TEMPLATE_INVALID', `the template starts with the signature 【${existing[1]}】, but the sender is 【${sender}】; leave the signature out, it is added`, [
        { field: 'template', message: 'remove the 【…】 signature: it is added from the sender name' },
      ]);
    }
    body = body.slice(existing[0].length).trim();
  }
  let text = `【${sender}】${body}`;
  if (input.purpose === 'marketing' && !HAS_OPT_OUT.test(body)) text += ` ${SMS_OPT_OUT[input.language]}`;
  return { text, ...smsSegments(text) };
}

export function composeMarketingSms(input: { body: string; senderName: string; language: 'zh' | 'en' }): ComposedSms {
  return composeSms({ ...input, purpose: 'marketing' });
}

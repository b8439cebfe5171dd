import type { CampaignTemplate, FieldError } from '@autofin/contracts';
import { DomainError } from '../shared/domain-error.ts';
import { TEMPLATE_TOKENS, isTemplateToken, type TemplateToken } from './template-tokens.ts';

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'token'; token: string; fallback: string | null };

export interface ParsedTemplate {
  parts: TemplatePart[];
  /** What is wrong, in words a marketer understands; empty when the template is usable. */
  problems: string[];
}

const TOKEN = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*(?:\|([^]*))?$/;

/**
 * Splits "{{name|您好}}，新能源车贷限时 0 息" into text and token parts. Problems: an unclosed "{{",
 * a token that is not a name, and a token the platform does not know (named, so the marketer can fix
 * the typo — {{nmae}} would otherwise go out verbatim to a million phones).
 */
export function parseTemplate(text: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const problems: string[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open < 0) {
      parts.push({ kind: 'text', text: text.slice(i) });
      break;
    }
    if (open > i) parts.push({ kind: 'text', text: text.slice(i, open) });
    const close = text.indexOf('}}', open + 2);
    const nextOpen = text.indexOf('{{', open + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      problems.push(`"{{" at character ${open + 1} is not closed with "}}"`);
      // Keep the stray braces as text up to the next "{{" and carry on, so every problem is reported at once.
      const stop = nextOpen >= 0 ? nextOpen : text.length;
      parts.push({ kind: 'text', text: text.slice(open, stop) });
      i = stop;
      continue;
    }
    const inner = text.slice(open + 2, close);
    const m = TOKEN.exec(inner);
    if (!m) {
      problems.push(`"{{${inner}}}" is not a token: write {{token}} or {{token|fallback}}`);
    } else {
      const token = m[1] as string;
      if (!isTemplateToken(token)) problems.push(`unknown token {{${token}}}; known tokens: ${Object.keys(TEMPLATE_TOKENS).join(', ')}`);
      parts.push({ kind: 'token', token, fallback: m[2] === undefined ? null : m[2].trim() });
    }
    i = close + 2;
  }
  return { parts, problems };
}

/**
 * Checks a campaign's template (both languages and the subject): every token known, and every token
 * that can be missing has a fallback — customer tokens always, offer tokens when the campaign has
 * no offer. Returns the problems by field (template.zh, template.en, template.subject.zh …).
 */
export function validateCampaignTemplate(template: CampaignTemplate, options: { hasOffer: boolean; field?: string }): FieldError[] {
  const base = options.field ?? 'template';
  const texts: Array<[string, string | undefined]> = [
    [`${base}.zh`, template.zh],
    [`${base}.en`, template.en],
    [`${base}.subject.zh`, template.subject?.zh],
    [`${base}.subject.en`, template.subject?.en],
  ];
  const errors: FieldError[] = [];
  for (const [field, text] of texts) {
    if (text === undefined) continue;
    const parsed = parseTemplate(text);
    for (const message of parsed.problems) errors.push({ field, message });
    for (const p of parsed.parts) {
      if (p.kind !== 'token' || !isTemplateToken(p.token) || p.fallback !== null) continue;
      const source = TEMPLATE_TOKENS[p.token].source;
      if (source === 'customer') errors.push({ field, message: `{{${p.token}}} can be missing for a customer: give a fallback, e.g. {{${p.token}|${p.token === 'name' ? '您好' : '…'}}}` });
      if (source === 'offer' && !options.hasOffer) errors.push({ field, message: `{{${p.token}}} needs an offer on the campaign, or a fallback` });
    }
  }
  return errors;
}

/** Throws CAMPAIGN_TEMPLATE_INVALID with every problem by field. */
export function assertValidCampaignTemplate(template: CampaignTemplate, options: { hasOffer: boolean; field?: string }): void {
  const errors = validateCampaignTemplate(template, options);
  if (errors.length > 0) throw new DomainError('CAMPAIGN_TEMPLATE_INVALID', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}

export type TemplateValues = Partial<Record<TemplateToken, string | number | null | undefined>>;

/**
 * Fills the tokens. An empty or missing value takes the fallback; a token with neither cannot be
 * rendered and throws (validation at creation makes that a sender bug, never a customer's data gap).
 */
export function renderTemplate(template: string | ParsedTemplate, values: TemplateValues): string {
  const parsed = typeof template === 'string' ? parseTemplate(template) : template;
  if (parsed.problems.length > 0) {
    throw new DomainError('CAMPAIGN_TEMPLATE_INVALID', parsed.problems.join('; '), parsed.problems.map((message) => ({ field: 'template', message })));
  }
  let out = '';
  for (const p of parsed.parts) {
    if (p.kind === 'text') {
      out += p.text;
      continue;
    }
    const raw = values[p.token as TemplateToken];
    const value = raw === null || raw === undefined ? '' : String(raw).trim();
    if (value !== '') out += value;
    else if (p.fallback !== null) out += p.fallback;
    else throw new DomainError('CAMPAIGN_TEMPLATE_INVALID', `no value for {{${p.token}}} and no fallback`, [{ field: 'template', message: `{{${p.token}}} has no value and no fallback` }]);
  }
  return out;
}

import { describe, expect, it } from 'vitest';
import { composeMarketingSms, composeSms, smsSegments } from './compose-sms.ts';
import { parseTemplate, renderTemplate, validateCampaignTemplate } from './render-template.ts';

describe('templates: tokens and fallbacks', () => {
  const t = '{{name|您好}}，{{vehicleModel|新能源车}}限时 {{rate|低息}}% 起，详见 {{link}}';

  it('fills values and takes the fallback for a missing or blank one', () => {
    expect(renderTemplate(t, { name: '张先生', vehicleModel: '比亚迪 海豹', rate: '0.00', link: 'https://a.cn/x1' })).toBe('张先生，比亚迪 海豹限时 0.00% 起，详见 https://a.cn/x1');
    expect(renderTemplate(t, { name: null, vehicleModel: '  ', link: 'https://a.cn/x1' })).toBe('您好，新能源车限时 低息% 起，详见 https://a.cn/x1');
  });

  it('accepts spaces around the token and the fallback', () => {
    expect(renderTemplate('{{ name | 您好 }}！', {})).toBe('您好！');
  });

  it('a token without a value and without a fallback cannot be rendered', () => {
    expect(() => renderTemplate('点击 {{link}}', {})).toThrow(expect.objectContaining({ code: 'CAMPAIGN_TEMPLATE_INVALID' }));
  });

  it('names an unknown token (a typo would otherwise reach every phone verbatim)', () => {
    const p = parseTemplate('{{nmae|您好}}，欢迎');
    expect(p.problems).toHaveLength(1);
    expect(p.problems[0]).toContain('{{nmae}}');
    expect(() => renderTemplate('{{nmae|您好}}', {})).toThrow(/nmae/);
  });

  it('reports an unclosed "{{" and a malformed token, all at once', () => {
    const p = parseTemplate('您好 {{name 还有 {{ 1abc }} 结束');
    expect(p.problems).toEqual(['"{{" at character 4 is not closed with "}}"', '"{{ 1abc }}" is not a token: write {{token}} or {{token|fallback}}']);
  });

  it('text without tokens passes through unchanged', () => {
    expect(renderTemplate('新能源车贷 0 息', {})).toBe('新能源车贷 0 息');
  });

  it('validates a campaign template by field: customer tokens need a fallback, offer tokens an offer', () => {
    const errors = validateCampaignTemplate({ zh: '{{name}}，利率 {{rate}}%', en: 'Hi {{name|there}}, see {{link}}', subject: { zh: '{{city}}专享' } }, { hasOffer: false });
    expect(errors.map((e) => e.field)).toEqual(['template.zh', 'template.zh', 'template.subject.zh']);
    expect(errors[0]?.message).toContain('{{name|您好}}');
    expect(errors[1]?.message).toContain('needs an offer');
    expect(validateCampaignTemplate({ zh: '{{name|您好}}，利率 {{rate}}%' }, { hasOffer: true })).toEqual([]);
  });
});

describe('SMS: signature, opt-out and segments', () => {
  it('adds 【签名】 and " 回T退订" to a marketing SMS', () => {
    const s = composeMarketingSms({ body: '张先生，新能源车贷限时 0 息，详见 https://a.cn/x1', senderName: '某某汽车金融', language: 'zh' });
    expect(s.text).toBe('【某某汽车金融】张先生，新能源车贷限时 0 息，详见 https://a.cn/x1 回T退订');
  });

  it('adds the English opt-out to an English marketing SMS', () => {
    expect(composeMarketingSms({ body: 'Mr Zhang, 0% APR on NEVs.', senderName: 'Autofin', language: 'en' }).text).toBe('【Autofin】Mr Zhang, 0% APR on NEVs. Reply T to unsubscribe');
  });

  it('does not double a signature or opt-out the template already has', () => {
    expect(composeMarketingSms({ body: '【某某汽车金融】新车 0 息，回T退订', senderName: '某某汽车金融', language: 'zh' }).text).toBe('【某某汽车金融】新车 0 息，回T退订');
  });

  it('refuses a template carrying another sender’s signature', () => {
    expect(() => composeMarketingSms({ body: '【别家】新车 0 息', senderName: '某某汽车金融', language: 'zh' })).toThrow(expect.objectContaining({ code: 'CAMPAIGN_TEMPLATE_INVALID' }));
  });

  it('transactional SMS carry the signature but no opt-out', () => {
    expect(composeSms({ body: '您的贷款申请已批准。', senderName: '某某汽车金融', language: 'zh', purpose: 'transactional' }).text).toBe('【某某汽车金融】您的贷款申请已批准。');
  });

  it.each([
    [1, 1],
    [70, 1], // one SMS holds 70 UCS-2 characters
    [71, 2], // longer: parts of 67 → ⌈71/67⌉ = 2
    [134, 2], // 2 × 67
    [135, 3],
    [201, 3], // 3 × 67
    [202, 4],
  ])('%s characters → %s billed segments', (n, segments) => expect(smsSegments('车'.repeat(n)).segments).toBe(segments));

  it('the signature and the opt-out count: 【某某汽车金融】 (8) + a 62-character body + " 回T退订" (5) = 75 characters → 2 segments', () => {
    const s = composeMarketingSms({ body: '好'.repeat(62), senderName: '某某汽车金融', language: 'zh' });
    // 【某某汽车金融】 = 8 characters, body 62, " 回T退订" = 5 → 75 characters
    expect(s.characters).toBe(75);
    expect(s.segments).toBe(2);
  });

  it('an emoji takes two UCS-2 units', () => {
    expect(smsSegments('🚗').characters).toBe(2);
  });
});

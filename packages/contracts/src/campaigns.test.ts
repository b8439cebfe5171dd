import { describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL_COSTS, DEFAULT_CONTACT_POLICY, channelCostsSchema, contactPolicySchema, createCampaignBodySchema, updateCampaignBodySchema } from './campaigns.ts';

const segmentId = '7a1c2f3e-1d2b-4c5d-8e9f-0a1b2c3d4e5f';
// The body the issue fixes as the contract other tools rely on.
const issueBody = { name: '新能源限时0息', segmentId, channel: 'sms', template: { zh: '{{name|您好}}，新能源车贷限时 0 息' }, schedule: { type: 'now' }, holdoutPercent: 10 };

const paths = (r: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }) => (r.error?.issues ?? []).map((i) => i.path.join('.'));

describe('campaign contracts', () => {
  it('accept exactly the issue’s body, defaulting the purpose to marketing', () => {
    const r = createCampaignBodySchema.safeParse(issueBody);
    expect(r.success).toBe(true);
    expect(r.data?.purpose).toBe('marketing');
  });

  it('accept the optional parts: goal, offer with a sample deal, a scheduled start, end, budget, variants, sender', () => {
    const r = createCampaignBodySchema.safeParse({
      ...issueBody,
      goal: 'Q4 NEV',
      offer: { productCode: 'NEV_LOAN', vehicle: { category: 'new-nev', price: '200000' }, downPayment: '40000', term: 36 },
      schedule: { type: 'at', at: '2026-11-23T09:00:00+08:00' },
      endsAt: '2026-11-30T21:00:00+08:00',
      budget: '5000',
      variants: [
        { key: 'a', name: '利率', share: 60 },
        { key: 'b', name: '月供', share: 40, template: { zh: '月供低至 {{monthlyPayment|2,000}} 元' } },
      ],
      senderName: '某某汽车金融',
    });
    expect(paths(r)).toEqual([]);
  });

  it.each([
    ['an unknown field (strict)', { ...issueBody, audience: 'x' }, ''],
    ['an unknown channel', { ...issueBody, channel: 'fax' }, 'channel'],
    ['a holdout above 50%', { ...issueBody, holdoutPercent: 60 }, 'holdoutPercent'],
    ['a missing Chinese text', { ...issueBody, template: { en: 'Hi' } }, 'template.zh'],
    ['a start time without an offset', { ...issueBody, schedule: { type: 'at', at: '2026-11-23 09:00' } }, 'schedule.at'],
    ['an end before the start', { ...issueBody, schedule: { type: 'at', at: '2026-11-23T09:00:00Z' }, endsAt: '2026-11-22T09:00:00Z' }, 'endsAt'],
    ['a budget with three decimals', { ...issueBody, budget: '1.234' }, 'budget'],
    ['variants not summing to 100', { ...issueBody, variants: [{ key: 'a', name: 'A', share: 50 }, { key: 'b', name: 'B', share: 40 }] }, 'variants'],
    ['a duplicate variant key', { ...issueBody, variants: [{ key: 'a', name: 'A', share: 50 }, { key: 'a', name: 'B', share: 50 }] }, 'variants.1.key'],
    ['the reserved key "holdout"', { ...issueBody, variants: [{ key: 'holdout', name: 'A', share: 50 }, { key: 'b', name: 'B', share: 50 }] }, 'variants.0.key'],
    ['five variants', { ...issueBody, variants: [1, 2, 3, 4, 5].map((i) => ({ key: `v${i}`, name: `V${i}`, share: 20 })) }, 'variants'],
  ])('refuse %s, naming the field', (_name, body, field) => {
    const r = createCampaignBodySchema.safeParse(body);
    expect(r.success).toBe(false);
    expect(paths(r)).toContain(field);
  });

  it('an empty variant list means no variants; a single variant takes the whole treated group', () => {
    expect(createCampaignBodySchema.safeParse({ ...issueBody, variants: [] }).success).toBe(true);
    expect(createCampaignBodySchema.safeParse({ ...issueBody, variants: [{ key: 'a', name: 'A', share: 100 }] }).success).toBe(true);
    expect(paths(createCampaignBodySchema.safeParse({ ...issueBody, variants: [{ key: 'a', name: 'A', share: 90 }] }))).toEqual(['variants']);
  });

  it('an update changes at least one field and may clear optional ones', () => {
    expect(updateCampaignBodySchema.safeParse({}).success).toBe(false);
    expect(updateCampaignBodySchema.safeParse({ budget: null, holdoutPercent: 5 }).success).toBe(true);
  });

  it('the default contact policy and channel costs are valid data', () => {
    expect(contactPolicySchema.safeParse(DEFAULT_CONTACT_POLICY).success).toBe(true);
    expect(channelCostsSchema.safeParse(DEFAULT_CHANNEL_COSTS).success).toBe(true);
    expect(paths(contactPolicySchema.safeParse({ ...DEFAULT_CONTACT_POLICY, defaultTimeZone: 'Asia/Beijing' }))).toEqual(['defaultTimeZone']);
    expect(paths(contactPolicySchema.safeParse({ ...DEFAULT_CONTACT_POLICY, quietHours: { start: '24:00', end: '08:00' } }))).toEqual(['quietHours.start']);
  });
});

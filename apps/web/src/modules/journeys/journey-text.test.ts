import { describe, expect, it } from 'vitest';
import { journeysMessages } from './journeys.i18n.ts';
import { durationText, exitReasonText, triggerText } from './journey-text.ts';

const zh = journeysMessages['zh-CN'];
const en = journeysMessages['en-US'];

describe('journey text', () => {
  it('says whole days as days and the rest as hours', () => {
    expect(durationText(zh, 72)).toBe('3 天');
    expect(durationText(en, 36)).toBe('36 hours');
  });

  it('names the loan milestone with its term', () => {
    expect(triggerText(en, { type: 'loan_milestone', monthsOnBook: 30, termMonths: 36 }, () => '')).toBe('Loan 30 months on book (36-month loans only)');
    expect(triggerText(zh, { type: 'event', eventType: 'quote_viewed' }, () => '')).toBe('发生“查看报价”');
  });

  it('reads exit reasons with an event or a step in them', () => {
    expect(exitReasonText(en, 'event:application_started')).toBe('The customer does "Started an application"');
    expect(exitReasonText(zh, 'condition_not_met:check_3d')).toBe('条件 check_3d');
    expect(exitReasonText(zh, 'application_submitted')).toBe('提交了申请');
  });
});

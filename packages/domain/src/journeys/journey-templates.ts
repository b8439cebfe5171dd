import type { FieldError, JourneyDefinition } from '@autofin/contracts';
import { validateCampaignTemplate } from '../campaigns/render-template.ts';

/** The journey's own token: the deadline of a time-limited offer, filled in when the step sends. */
export const OFFER_EXPIRES_TOKEN = '{{offer_expires}}';

/**
 * Checks every send step's template as the outbox will render it: the campaign template rules
 * (known tokens, fallbacks for personal tokens; a journey carries no priced offer into the
 * outbox, so offer tokens need a fallback), plus {{offer_expires}} only on a step whose offer has
 * validHours. Field paths name the step: steps.<i>.template.zh.
 */
export function validateJourneyTemplates(definition: Pick<JourneyDefinition, 'steps'>): FieldError[] {
  const errors: FieldError[] = [];
  definition.steps.forEach((step, i) => {
    if (step.type !== 'send') return;
    const field = `steps.${i}.template`;
    const timed = step.offer?.validHours !== undefined;
    for (const lang of ['zh', 'en'] as const) {
      const text = step.template[lang];
      if (text?.includes(OFFER_EXPIRES_TOKEN) && !timed) errors.push({ field: `${field}.${lang}`, message: `${OFFER_EXPIRES_TOKEN} needs an offer with validHours on this step` });
    }
    const strip = (t: string | undefined) => (t === undefined ? undefined : t.replaceAll(OFFER_EXPIRES_TOKEN, '…'));
    const zh = strip(step.template.zh)!;
    const en = strip(step.template.en);
    errors.push(...validateCampaignTemplate(en === undefined ? { zh } : { zh, en }, { hasOffer: false, field }));
  });
  return errors;
}

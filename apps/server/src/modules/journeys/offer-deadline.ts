/**
 * A time-limited offer names its deadline in the message: `{{offer_expires}}` becomes the moment
 * the offer ends in Beijing time (the demo market's customers are in mainland China), e.g.
 * "11月25日 18:00" in zh and "25 Nov 18:00" in en. Filled in when the step sends, because the
 * deadline runs from the send; the outbox renders the customer tokens ({{name|您好}}) later.
 */
export function renderOfferDeadline(template: { zh: string; en?: string | undefined }, validHours: number | undefined, now: Date): { zh: string; en?: string } {
  if (validHours === undefined) return template.en === undefined ? { zh: template.zh } : { zh: template.zh, en: template.en };
  const end = new Date(now.getTime() + validHours * 3_600_000 + 8 * 3_600_000);
  const hh = String(end.getUTCHours()).padStart(2, '0');
  const mm = String(end.getUTCMinutes()).padStart(2, '0');
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const zh = `${end.getUTCMonth() + 1}月${end.getUTCDate()}日 ${hh}:${mm}`;
  const en = `${end.getUTCDate()} ${months[end.getUTCMonth()]} ${hh}:${mm}`;
  const out: { zh: string; en?: string } = { zh: template.zh.replaceAll('{{offer_expires}}', zh) };
  if (template.en !== undefined) out.en = template.en.replaceAll('{{offer_expires}}', en);
  return out;
}

/**
 * Masking of personal data for display (DESIGN.md rule 8): every view and export shows L1 and L3
 * values masked unless an authorised role asks to see them in clear (which is audited). The
 * shapes follow what Chinese lenders and apps print, so staff recognise them at a glance and a
 * customer on the phone can confirm the visible digits:
 *
 *   name      张三 → 张*          欧阳娜娜 → 欧***       (surname's first character kept)
 *   phone     13812345678 → 138****5678                  (carrier prefix and last four kept)
 *   ID        11010519491231002X → 110105********002X   (region code and last four kept; the birth date is hidden)
 *   e-mail    zhang.san@example.com → z***@example.com
 *
 * Characters are counted as code points, so a name with a supplementary-plane character (𠮷)
 * masks as one character, not two UTF-16 halves.
 */

/** Keeps the first character and replaces every other non-space character with `*`. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + chars.slice(1).map((c) => (/\s/.test(c) ? c : '*')).join('');
}

/** 11-digit mobile: first three and last four; anything else: all but the last four masked. */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (/^\d{11}$/.test(p)) return `${p.slice(0, 3)}****${p.slice(7)}`;
  if (p.length <= 4) return '*'.repeat(p.length);
  return '*'.repeat(p.length - 4) + p.slice(-4);
}

/** 18-character resident ID: the six-digit region code and the last four kept, the eight birth-date digits masked. */
export function maskIdNumber(idNumber: string): string {
  const id = idNumber.trim().toUpperCase();
  if (id.length === 18) return `${id.slice(0, 6)}********${id.slice(14)}`;
  if (id.length <= 4) return '*'.repeat(id.length);
  return '*'.repeat(id.length - 4) + id.slice(-4);
}

/** First character of the local part and the domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return maskName(email);
  return `${Array.from(email)[0]}***${email.slice(at)}`;
}

/** Street lines are hidden whole: any visible part (a house number) is enough to locate someone. */
export function maskAddressLine(line: string): string {
  return line.trim() === '' ? '' : '***';
}

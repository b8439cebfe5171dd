/**
 * Fills `{{key}}` placeholders of a console message. The module's messages are plain strings (not
 * i18next lookups), and some of them show the template token syntax itself ({{name|您好}}), which
 * only this explicit fill — never a generic interpolator — leaves alone: unknown keys stay as written.
 */
export function fill(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => (Object.hasOwn(values, key) ? String(values[key]) : whole));
}

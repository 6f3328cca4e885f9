/**
 * R-CHK-2: phones carry a country code. Marketplaces write them as "(+1)2015550123" or
 * "+44 7700 900123"; suppliers need E.164 ("+12015550123"). Returns null when no country code
 * can be seen, so the caller can hold the order instead of guessing.
 */
export function toE164(phone: string): string | null {
  const trimmed = phone.trim();
  const plus = /^\(?\s*(\+|00)/.exec(trimmed);
  if (!plus) return null;
  const digits = trimmed.slice(plus[0].length).replace(/[\s().-]/g, '');
  if (!/^[1-9]\d{6,14}$/.test(digits)) return null;
  return `+${digits}`;
}

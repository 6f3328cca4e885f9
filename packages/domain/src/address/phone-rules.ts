/**
 * Country calling codes and national number lengths for the markets the platform ships to
 * (R-CHK-2). Carriers call the buyer on delivery problems, so the number must be reachable
 * from the destination country: a "+86" seller phone on a US order is a real, common slip.
 */

/** [calling code, shortest and longest national significant number]. */
const CALLING: Readonly<Record<string, readonly [string, number, number]>> = {
  US: ['1', 10, 10],
  CA: ['1', 10, 10],
  PR: ['1', 10, 10],
  GB: ['44', 9, 10],
  IE: ['353', 7, 9],
  NL: ['31', 9, 9],
  DE: ['49', 6, 13],
  FR: ['33', 9, 9],
  IT: ['39', 6, 11],
  ES: ['34', 9, 9],
  MX: ['52', 10, 10],
  BR: ['55', 10, 11],
  JP: ['81', 9, 10],
  SG: ['65', 8, 8],
  MY: ['60', 8, 10],
  TH: ['66', 8, 9],
  VN: ['84', 9, 10],
  PH: ['63', 8, 10],
  ID: ['62', 8, 12],
};

/** The result of matching an E.164 number against the destination country. */
export type PhoneVerdict =
  | { kind: 'ok' }
  | { kind: 'unknown-country' }
  | { kind: 'wrong-length'; callingCode: string }
  | { kind: 'other-country'; expected: string };

/**
 * Compares an E.164 phone ("+12015550123") with the destination. A number whose calling code
 * is the destination's but whose length is impossible there is `wrong-length`; a number under
 * another calling code is `other-country`.
 */
export function matchPhoneToCountry(e164: string, country: string): PhoneVerdict {
  const rule = CALLING[country];
  if (rule === undefined) return { kind: 'unknown-country' };
  const [code, min, max] = rule;
  if (!e164.startsWith(`+${code}`)) return { kind: 'other-country', expected: code };
  const national = e164.length - 1 - code.length;
  return national < min || national > max
    ? { kind: 'wrong-length', callingCode: code }
    : { kind: 'ok' };
}

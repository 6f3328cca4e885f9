import type { Hold } from '../holds.ts';

/**
 * Hold texts for R-CHK-2, English and Simplified Chinese. Messages name fields, formats and
 * codes, never the buyer's name, phone or street (R-ONB-3: holds land in timelines and logs).
 */

const RULE = 'R-CHK-2';

/** The stable codes an address check can raise. */
export const ADDRESS_HOLD_CODES = [
  'ADDRESS_PART_MISSING',
  'PO_BOX',
  'MILITARY_ADDRESS',
  'POSTCODE_INVALID',
  'POSTCODE_COUNTRY_MISMATCH',
  'POSTCODE_STATE_MISMATCH',
  'REGION_INVALID',
  'ADDRESS_LINE_TOO_LONG',
  'PHONE_INVALID',
  'PHONE_COUNTRY_MISMATCH',
] as const;
export type AddressHoldCode = (typeof ADDRESS_HOLD_CODES)[number];

/** A part of the address that can be missing, with its names in both languages. */
export type AddressPart = 'name' | 'street' | 'city' | 'region' | 'postcode' | 'country';
const PART_NAMES: Readonly<Record<AddressPart, readonly [string, string]>> = {
  name: ['recipient name', '收件人姓名'],
  street: ['street line', '街道地址'],
  city: ['city', '城市'],
  region: ['state/province', '州/省'],
  postcode: ['postcode', '邮编'],
  country: ['country', '国家'],
};

function hold(code: AddressHoldCode, message: string, messageZh: string, fix: string): Hold {
  return { code, rule: RULE, message, messageZh, fix };
}

/** One hold listing every missing part. */
export function holdMissingParts(parts: readonly AddressPart[]): Hold {
  const en = parts.map((p) => PART_NAMES[p][0]).join(', ');
  const zh = parts.map((p) => PART_NAMES[p][1]).join('、');
  return hold(
    'ADDRESS_PART_MISSING',
    `The address is missing: ${en}.`,
    `地址缺少：${zh}。`,
    'Ask the buyer to complete the address in the marketplace, then re-run the checks.',
  );
}

export const holdPoBox = (): Hold =>
  hold(
    'PO_BOX',
    'The address is a post-office box; carriers on this channel cannot deliver parcels to it.',
    '地址为邮政信箱（PO Box），该物流渠道无法投递包裹。',
    'Ask the buyer for a street address. A private mailbox (PMB) at a street address is accepted.',
  );

export const holdMilitary = (): Hold =>
  hold(
    'MILITARY_ADDRESS',
    'The address is a military address (APO/FPO/DPO or state AA/AE/AP), which is not served.',
    '地址为美国军事地址（APO/FPO/DPO 或州代码 AA/AE/AP），不在配送范围内。',
    'Cancel the order or ask the buyer for a civilian delivery address.',
  );

export function holdPostcodeInvalid(country: string, example: string, hint: string): Hold {
  return hold(
    'POSTCODE_INVALID',
    `The postcode does not have the ${country} format (e.g. ${example}).${hint}`,
    `邮编不符合 ${country} 的格式（例如 ${example}）。`,
    'Correct the postcode with the buyer before the order ships.',
  );
}

export function holdPostcodeCountry(country: string, others: readonly string[]): Hold {
  const list = others.slice(0, 3).join('/');
  return hold(
    'POSTCODE_COUNTRY_MISMATCH',
    `The postcode has the format of ${list}, not of the destination ${country}.`,
    `邮编为 ${list} 的格式，与收件国家 ${country} 不符。`,
    'Confirm the destination country and postcode with the buyer; a wrong-country postcode is returned or fined.',
  );
}

export function holdPostcodeRegion(prefix: string, owner: string, region: string): Hold {
  return hold(
    'POSTCODE_STATE_MISMATCH',
    `Postcode prefix ${prefix} belongs to ${owner}, but the state/province is ${region}.`,
    `邮编前缀 ${prefix} 属于 ${owner}，与州/省 ${region} 不一致。`,
    'Confirm the state/province and postcode with the buyer.',
  );
}

export function holdRegionInvalid(country: string): Hold {
  return hold(
    'REGION_INVALID',
    `The state/province is not a recognised ${country} state/province.`,
    `无法识别的 ${country} 州/省。`,
    'Use the two-letter state/province code (e.g. NY, ON).',
  );
}

export const holdLineTooLong = (): Hold =>
  hold(
    'ADDRESS_LINE_TOO_LONG',
    'An address line exceeds 120 characters and cannot be split across three lines.',
    '地址行超过 120 个字符，且无法拆分到三行以内。',
    'Shorten the address (drop directions or duplicated city/postcode text).',
  );

export function holdPhoneInvalid(reason: string): Hold {
  return hold(
    'PHONE_INVALID',
    `The phone number is not usable: ${reason}.`,
    '电话号码无效：需带国家区号的 E.164 格式（如 +12015550123），且位数正确。',
    'Ask the buyer for a phone number with its country code, e.g. +1 201 555 0123.',
  );
}

export function holdPhoneCountry(country: string, expected: string): Hold {
  return hold(
    'PHONE_COUNTRY_MISMATCH',
    `The phone's country code is not +${expected}, the code of the destination ${country}.`,
    `电话国家区号与收件国家 ${country}（+${expected}）不符。`,
    'Ask the buyer for a phone number reachable in the destination country.',
  );
}

import type { AddressHoldCode } from '../../address/hold-text.ts';
import type { Recipient } from '../../order.ts';
import { CORPUS_AMERICAS } from './americas.ts';
import { CORPUS_ASIA } from './asia.ts';
import { CORPUS_EUROPE } from './europe.ts';
import { CORPUS_US } from './us.ts';

/**
 * Address corpus for R-CHK-2 / R-CHK-4: realistic street patterns and real-format postcodes
 * with fictional recipients, each with its expected verdict. Rows are compact tuples so the
 * corpus stays readable at 300+ entries:
 * [country, lines ("|" between lines), city, region, postcode, expected codes (space
 * separated, "" = ships), expected cleaned lines ("|" between lines; omitted = not asserted),
 * phone (omitted = a valid local number), name (omitted = a fictional name)].
 */
export type CorpusRow = readonly [
  country: string,
  lines: string,
  city: string,
  region: string,
  postcode: string,
  expect?: string,
  cleaned?: string,
  phone?: string,
  name?: string,
];

/** One corpus address with its expected hold codes and, for some, its cleaned lines. */
export interface CorpusEntry {
  id: string;
  recipient: Recipient;
  expect: AddressHoldCode[];
  cleanedLines?: string[];
}

const PHONES: Readonly<Record<string, string>> = {
  US: '+1 212 555 0147',
  PR: '+1 787 555 0112',
  CA: '+1 416 555 0199',
  MX: '+52 55 5555 1234',
  BR: '+55 11 91234-5678',
  GB: '+44 20 7946 0958',
  IE: '+353 87 123 4567',
  NL: '+31 20 123 4567',
  DE: '+49 30 12345678',
  FR: '+33 1 23 45 67 89',
  IT: '+39 06 1234 5678',
  ES: '+34 912 345 678',
  JP: '+81 3-1234-5678',
  SG: '+65 6123 4567',
  MY: '+60 3-2123 4567',
  TH: '+66 2 123 4567',
  VN: '+84 24 3825 1234',
  PH: '+63 2 8123 4567',
  ID: '+62 21 5123 4567',
};

const NAMES = [
  'Avery Lindqvist',
  'Mateo Kowalczyk',
  'Priya Raman',
  'Chen Wei',
  'Olivia Brennan',
  'Kenji Watanabe',
  'Sofia Marchetti',
  'Lucas Ferreira',
  'Nguyen Thi Lan',
  'Hannah Okafor',
];

function toEntry(row: CorpusRow, index: number): CorpusEntry {
  const [country, lines, city, region, postcode, expect, cleaned, phone, name] = row;
  const entry: CorpusEntry = {
    id: `${country}-${String(index + 1).padStart(3, '0')}`,
    recipient: {
      name: name ?? (NAMES[index % NAMES.length] as string),
      phone: phone ?? PHONES[country] ?? '',
      addressLines: lines.split('|'),
      city,
      region,
      postalCode: postcode,
      country,
    },
    expect: expect ? (expect.split(' ') as AddressHoldCode[]) : [],
  };
  if (cleaned !== undefined) entry.cleanedLines = cleaned.split('|');
  return entry;
}

/** The whole corpus, in a stable order with stable ids. */
export const ADDRESS_CORPUS: readonly CorpusEntry[] = [
  ...CORPUS_US,
  ...CORPUS_AMERICAS,
  ...CORPUS_EUROPE,
  ...CORPUS_ASIA,
].map(toEntry);

import { describe, expect, it } from 'vitest';
import type { Recipient } from '../order.ts';
import { checkAddressCompliance, reviewAddress } from './compliance.ts';

const us: Recipient = {
  name: 'Avery Lindqvist',
  phone: '+1 212 555 0147',
  addressLines: ['350 5th Ave'],
  city: 'New York',
  region: 'NY',
  postalCode: '10118',
  country: 'US',
};
const codes = (r: Recipient) => checkAddressCompliance(r).map((h) => h.code);

describe('checkAddressCompliance (R-CHK-2)', () => {
  it('passes a good address', () => {
    expect(checkAddressCompliance(us)).toEqual([]);
  });

  it.each([
    'PO Box 12',
    'P.O. Box 12',
    'P O Box 12',
    'p.o.box 12',
    'POB 12',
    'P.O.B. 12',
    'Post Office Box 12',
    'PO Bx 12',
    'Box 12',
    'BOX #12',
    '350 5th Ave, PO Box 12',
  ])('holds the PO Box spelling "%s"', (line) => {
    expect(codes({ ...us, addressLines: [line] })).toEqual(['PO_BOX']);
  });

  it.each([
    ['DE', 'Postfach 10 01 23', '10001'],
    ['ES', 'Apartado de Correos 1234', '50080'],
    ['MX', 'Apartado Postal 45', '68000'],
    ['FR', 'Boîte postale 45', '35000'],
    ['FR', 'BP 1234', '44000'],
    ['IT', 'Casella postale 120', '16121'],
    ['BR', 'Caixa Postal 1234', '13012-970'],
    ['JP', '私書箱 25号', '100-8799'],
  ])('holds the %s box "%s"', (country, line, postcode) => {
    const r = { ...us, country, region: '', postalCode: postcode, addressLines: [line] };
    expect(codes({ ...r, phone: '' })).toContain('PO_BOX');
  });

  it.each([
    'PMB 123, 2261 Market St',
    '88 Boxwood Ln',
    '1 Box Hill Rd',
    'Xbox Building 4',
    '45 Box Elder Dr',
    '12 Boxer Ct',
    '500 Apo Ave',
    'Upper Boxford Lane',
  ])('does not hold "%s"', (line) => {
    expect(codes({ ...us, addressLines: [line] })).toEqual([]);
  });

  it('reads "BP" as a box only in France', () => {
    expect(codes({ ...us, addressLines: ['BP 12 Gas Station, 350 5th Ave'] })).toEqual([]);
  });

  it('holds military addresses by city, state or ZIP', () => {
    const military = { ...us, addressLines: ['Unit 2050 Box 4190'] };
    expect(codes({ ...military, city: 'APO', region: 'AE', postalCode: '09096' })).toEqual([
      'MILITARY_ADDRESS',
    ]);
    expect(codes({ ...military, city: 'FPO', region: 'AP', postalCode: '96349' })).toEqual([
      'MILITARY_ADDRESS',
    ]);
    expect(codes({ ...military, city: 'Miami', region: 'AA', postalCode: '34038' })).toEqual([
      'MILITARY_ADDRESS',
    ]);
    expect(codes({ ...military, city: 'Paris', region: 'NY', postalCode: '09096' })).toEqual([
      'MILITARY_ADDRESS',
    ]);
  });

  it('lists every missing part in one hold', () => {
    const holds = checkAddressCompliance({
      ...us,
      name: ' ',
      addressLines: ['', ' '],
      city: '',
      postalCode: '',
    });
    expect(holds.map((h) => h.code)).toEqual(['ADDRESS_PART_MISSING']);
    expect(holds[0]?.message).toBe(
      'The address is missing: recipient name, street line, city, postcode.',
    );
    expect(holds[0]?.messageZh).toBe('地址缺少：收件人姓名、街道地址、城市、邮编。');
  });

  it('tells a foreign postcode from a malformed one (R-PEN-2)', () => {
    expect(codes({ ...us, postalCode: 'M5V 2T6' })).toEqual(['POSTCODE_COUNTRY_MISMATCH']);
    expect(codes({ ...us, postalCode: '1011' })).toEqual(['POSTCODE_INVALID']);
    const gb = { ...us, country: 'GB', region: '', phone: '+44 20 7946 0958' };
    expect(codes({ ...gb, postalCode: '10118' })).toEqual(['POSTCODE_COUNTRY_MISMATCH']);
    expect(codes({ ...gb, postalCode: 'SW1A' })).toEqual(['POSTCODE_INVALID']);
    expect(codes({ ...gb, postalCode: 'sw1a1aa' })).toEqual([]);
  });

  it('checks the ZIP against the state and the postcode against the province', () => {
    const hold = checkAddressCompliance({ ...us, region: 'CA' })[0];
    expect(hold?.code).toBe('POSTCODE_STATE_MISMATCH');
    expect(hold?.message).toContain('101 belongs to NY');
    expect(codes({ ...us, region: 'New York' })).toEqual([]);
    const ca = { ...us, country: 'CA', city: 'Toronto', postalCode: 'M5V 2T6' };
    expect(codes({ ...ca, region: 'ON' })).toEqual([]);
    expect(codes({ ...ca, region: 'BC' })).toEqual(['POSTCODE_STATE_MISMATCH']);
    expect(codes({ ...ca, region: 'Ontarioo' })).toEqual(['REGION_INVALID']);
  });

  it('holds a line that cannot be split into three of at most 120 characters', () => {
    const word = 'x'.repeat(125);
    expect(codes({ ...us, addressLines: [word] })).toEqual(['ADDRESS_LINE_TOO_LONG']);
    const words = Array.from({ length: 30 }, (_, i) => `Word${i}`).join(' ');
    const review = reviewAddress({ ...us, addressLines: [words, 'Apt 4'] });
    expect(review.holds).toEqual([]);
    expect(review.address.addressLines).toHaveLength(3);
  });

  it('checks the phone has a country code matching the destination', () => {
    expect(codes({ ...us, phone: '212-555-0147' })).toEqual(['PHONE_INVALID']);
    expect(codes({ ...us, phone: '+1 212 555 014' })).toEqual(['PHONE_INVALID']);
    expect(codes({ ...us, phone: '+86 138 0013 8000' })).toEqual(['PHONE_COUNTRY_MISMATCH']);
    expect(codes({ ...us, phone: '+1 416 555 0199' })).toEqual([]);
    expect(
      codes({ ...us, country: 'AU', region: 'NSW', postalCode: '2000', phone: '+61 2 9876 5432' }),
    ).toEqual([]);
    // Every destination is checked, not only the markets a hand-kept table listed.
    const au = { ...us, country: 'AU', region: 'NSW', postalCode: '2000' };
    expect(codes({ ...au, phone: '+1 212 555 0147' })).toEqual(['PHONE_COUNTRY_MISMATCH']);
    expect(codes({ ...au, phone: '+61 2 9876 5432 10' })).toEqual(['PHONE_INVALID']);
  });

  it('keeps buyer details out of hold messages (R-ONB-3)', () => {
    const r = {
      ...us,
      name: 'Zed Quux',
      addressLines: ['PO Box 4417'],
      phone: '+86 138 0013 8000',
    };
    for (const h of checkAddressCompliance(r)) {
      for (const text of [h.message, h.messageZh, h.fix]) {
        expect(text).not.toMatch(/Quux|4417|138/);
      }
    }
  });
});

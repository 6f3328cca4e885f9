import { describe, expect, it } from 'vitest';
import { TRACKING_CORPUS } from '../testing/tracking-corpus/index.ts';
import { findCarrier, isDestinationSupported, listCarriers, marketplaceName } from './registry.ts';
import { detectCarriers, normalizeTrackingNumber, validateTrackingNumber } from './tracking.ts';

describe('R-TRK-1 tracking corpus', () => {
  for (const [carrier, corpus] of Object.entries(TRACKING_CORPUS)) {
    describe(carrier, () => {
      it.each(corpus.verified)('%s is valid with a verified check digit', (n) => {
        const v = validateTrackingNumber(n, carrier);
        expect(v).toMatchObject({ status: 'valid', checkDigitVerified: true });
        expect(detectCarriers(n)).toContain(carrier);
      });
      it.each(corpus.unverified)('%s is valid but not check-digit verified', (n) => {
        expect(validateTrackingNumber(n, carrier)).toMatchObject({
          status: 'valid',
          checkDigitVerified: false,
        });
      });
      it.each(corpus.invalid)('%s is %s', (n, status) => {
        const v = validateTrackingNumber(n, carrier);
        expect(v.status).toBe(status);
        expect(v.checkDigitVerified).toBe(false);
      });
    });
  }

  it('has at least 10 valid and 5 invalid numbers per carrier with a check digit', () => {
    for (const c of [
      'USPS',
      'UPS',
      'FEDEX',
      'DHL_EXPRESS',
      'CHINA_POST',
      'CHINA_EMS',
      'ROYAL_MAIL',
    ]) {
      expect(TRACKING_CORPUS[c]?.verified.length).toBeGreaterThanOrEqual(10);
      expect(TRACKING_CORPUS[c]?.invalid.length).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('R-TRK-1 normalization and verdicts', () => {
  it('strips spaces, dashes and case, and folds full-width digits', () => {
    expect(normalizeTrackingNumber(' 1z 999-aa1\u00a00123456784 ')).toBe('1Z999AA10123456784');
    expect(normalizeTrackingNumber('ＹＴ２２２９５２１２７２１６４４４６')).toBe(
      'YT2229521272164446',
    );
  });

  it('strips the USPS 420+ZIP routing prefix (ZIP5 and ZIP+4)', () => {
    expect(normalizeTrackingNumber('420 22153 9101026837331000039521')).toBe(
      '9101026837331000039521',
    );
    expect(normalizeTrackingNumber('420221531234' + '9400111206206406260787')).toBe(
      '9400111206206406260787',
    );
  });

  it('lists the better carrier on a mismatch', () => {
    const v = validateTrackingNumber('YT2229521272164446', 'YTO');
    expect(v).toMatchObject({ status: 'carrier_mismatch', matches: ['YUNEXPRESS'] });
  });

  it('keeps YunExpress YT+16 and YTO YT+13 apart', () => {
    expect(detectCarriers('YT2229521272164446')).toEqual(['YUNEXPRESS']);
    expect(detectCarriers('YT1234567890123')).toEqual(['YTO']);
  });

  it('ranks EMS first for an E-prefixed S10 and China Post first otherwise', () => {
    expect(detectCarriers('EA055052475CN')[0]).toBe('CHINA_EMS');
    expect(detectCarriers('RR249587613CN')[0]).toBe('CHINA_POST');
  });

  it('warns on an unknown shape instead of passing it', () => {
    const v = validateTrackingNumber('ABCDEFGHIJK', 'USPS');
    expect(v).toMatchObject({ status: 'unknown_format', checkDigitVerified: false, matches: [] });
  });

  it('accepts carrier names and aliases, and reports an unregistered carrier', () => {
    expect(validateTrackingNumber('YT2229521272164446', '云途').status).toBe('valid');
    expect(validateTrackingNumber('1Z999AA10123456784', 'United Parcel Service').status).toBe(
      'valid',
    );
    expect(validateTrackingNumber('1Z999AA10123456784', 'Pony Express').status).toBe(
      'unknown_format',
    );
  });

  // Documented blind spots of the carriers' own algorithms: they are not ours to fix, and the
  // property tests exclude exactly these changes.
  it('cannot see a ±5 change at a doubled UPS position', () => {
    expect(validateTrackingNumber('1Z949AA10123456784', 'UPS').status).toBe('valid');
  });
  it('cannot see a ±7 change in a DHL Express mod-7 number', () => {
    expect(validateTrackingNumber('3311810025', 'DHL_EXPRESS').status).toBe('valid');
  });
});

describe('R-TRK-3 carrier registry', () => {
  it('finds carriers case-, space- and script-insensitively', () => {
    expect(findCarrier('yun express')?.code).toBe('YUNEXPRESS');
    expect(findCarrier('YUNEXPRESS')?.code).toBe('YUNEXPRESS');
    expect(findCarrier('云途')?.code).toBe('YUNEXPRESS');
    expect(findCarrier('dhl-ecommerce')?.code).toBe('DHL_ECOMMERCE');
    expect(findCarrier('Ｆｅｄｅｘ')?.code).toBe('FEDEX');
    expect(findCarrier('Pony Express')).toBeUndefined();
  });

  it('gives the marketplace preset name', () => {
    expect(marketplaceName('FEDEX')).toBe('FedEx');
    expect(marketplaceName('TIKTOK_SHIPPING')).toBe('TikTok Shipping');
    expect(marketplaceName('顺丰')).toBe('SF Express');
    expect(marketplaceName('nope')).toBeUndefined();
  });

  it('resolves every code and preset name back to its own carrier', () => {
    for (const c of listCarriers()) {
      expect(findCarrier(c.code)).toBe(c);
      expect(findCarrier(c.marketplaceName)).toBe(c);
      for (const a of c.aliases) expect(findCarrier(a)).toBe(c);
    }
  });

  it('knows destinations, with UK as GB', () => {
    const usps = findCarrier('USPS')!;
    expect(isDestinationSupported(usps, 'us')).toBe(true);
    expect(isDestinationSupported(usps, 'DE')).toBe(false);
    expect(isDestinationSupported(findCarrier('ROYAL_MAIL')!, 'UK')).toBe(true);
    expect(isDestinationSupported(findCarrier('UPS')!, 'BR')).toBe(true);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listCarriers } from '../carriers/registry.ts';
import { validateTrackingNumber } from '../carriers/tracking.ts';
import type { Hold } from '../holds.ts';
import { type ChannelCheckInput, checkChannel } from './authorization.ts';
import { checkTrackingForChannel } from './tracking-check.ts';

const seller = (over: Partial<ChannelCheckInput> = {}): ChannelCheckInput => ({
  shippingType: 'SELLER',
  carrierCode: 'YUNEXPRESS',
  shopCarriers: ['YunExpress', 'USPS'],
  supplierCarriers: ['云途', 'yanwen'],
  destinationCountry: 'US',
  ...over,
});
const tts = (over: Partial<ChannelCheckInput> = {}): ChannelCheckInput => ({
  shippingType: 'TIKTOK',
  carrierCode: 'TIKTOK_SHIPPING',
  shopCarriers: ['TikTok Shipping'],
  supplierCarriers: ['TIKTOK_SHIPPING'],
  destinationCountry: 'US',
  ...over,
});
const codes = (hs: Hold[]) => hs.map((h) => h.code);

describe('R-CHK-3 channel authorization', () => {
  it('passes an authorized, served channel that delivers to the destination', () => {
    expect(checkChannel(seller())).toEqual([]);
    expect(checkChannel(tts())).toEqual([]);
  });

  it('requires a known carrier', () => {
    expect(codes(checkChannel(seller({ carrierCode: null })))).toEqual(['CHANNEL_MISSING']);
    expect(codes(checkChannel(seller({ carrierCode: ' ' })))).toEqual(['CHANNEL_MISSING']);
    expect(codes(checkChannel(seller({ carrierCode: 'Pony Express' })))).toEqual([
      'CHANNEL_UNKNOWN',
    ]);
  });

  it('holds a carrier the shop has not authorized or the supplier cannot ship with', () => {
    expect(codes(checkChannel(seller({ carrierCode: 'Yanwen' })))).toEqual([
      'CHANNEL_NOT_AUTHORIZED',
    ]);
    expect(codes(checkChannel(seller({ carrierCode: 'USPS' })))).toEqual(['CHANNEL_NOT_SERVED']);
  });

  it('holds a destination the carrier does not serve (UK counts as GB)', () => {
    const usps = { carrierCode: 'USPS', supplierCarriers: ['USPS'] };
    expect(codes(checkChannel(seller({ ...usps, destinationCountry: 'DE' })))).toEqual([
      'CHANNEL_COUNTRY_UNSUPPORTED',
    ]);
    const rm = {
      carrierCode: 'Royal Mail',
      shopCarriers: ['ROYAL_MAIL'],
      supplierCarriers: ['Royal Mail'],
    };
    expect(checkChannel(seller({ ...rm, destinationCountry: 'uk' }))).toEqual([]);
  });

  it('accepts only platform labels on TikTok Shipping orders', () => {
    const hs = checkChannel(tts({ carrierCode: 'USPS' }));
    expect(codes(hs)).toEqual(['PLATFORM_LABEL_REQUIRED']);
    // The TikTok Shipping channel itself is still checked, so the fix is known to work.
    expect(codes(checkChannel(tts({ carrierCode: 'USPS', shopCarriers: ['USPS'] })))).toEqual([
      'PLATFORM_LABEL_REQUIRED',
      'CHANNEL_NOT_AUTHORIZED',
    ]);
    expect(codes(checkChannel(tts({ supplierCarriers: ['USPS'] })))).toEqual([
      'CHANNEL_NOT_SERVED',
    ]);
  });

  it('refuses platform labels on seller-shipped orders', () => {
    expect(codes(checkChannel(seller({ carrierCode: 'TikTok Shipping' })))).toEqual([
      'PLATFORM_LABEL_NOT_ALLOWED',
    ]);
  });

  it('gives every hold a code, rule, bilingual message and fix', () => {
    const names = [...listCarriers().map((c) => c.code), 'Pony Express', '云途'];
    const carriers = fc.subarray(names);
    fc.assert(
      fc.property(
        fc.constantFrom('TIKTOK' as const, 'SELLER' as const),
        fc.option(fc.constantFrom(...names), { nil: null }),
        carriers,
        carriers,
        fc.constantFrom('US', 'GB', 'UK', 'DE', 'CN', 'BR', 'ZZ', ''),
        (shippingType, carrierCode, shopCarriers, supplierCarriers, destinationCountry) => {
          const hs = checkChannel({
            shippingType,
            carrierCode,
            shopCarriers,
            supplierCarriers,
            destinationCountry,
          });
          for (const h of hs) {
            expect(h.rule).toMatch(/^R-(CHK-3|TRK-3)$/);
            for (const f of [h.code, h.message, h.messageZh, h.fix])
              expect(f.length).toBeGreaterThan(0);
          }
          if (
            shippingType === 'TIKTOK' &&
            carrierCode &&
            carrierCode !== 'TIKTOK_SHIPPING' &&
            carrierCode !== 'Pony Express'
          ) {
            expect(codes(hs)).toContain('PLATFORM_LABEL_REQUIRED');
          }
        },
      ),
    );
  });
});

describe('R-TRK-1/R-CHK-3 tracking for the channel', () => {
  const v = validateTrackingNumber;

  it('passes a valid seller-shipped number', () => {
    expect(checkTrackingForChannel(v('YT2229521272164446', 'YUNEXPRESS'), 'SELLER')).toEqual([]);
  });

  it('turns every failing verdict into a hold', () => {
    const cases: Array<[string, string, string]> = [
      ['1Z999AA10123456785', 'UPS', 'TRACKING_CHECK_DIGIT_INVALID'],
      ['1Z999AA1012345678', 'UPS', 'TRACKING_FORMAT_INVALID'],
      ['1Z999AA10123456784', 'USPS', 'TRACKING_CARRIER_MISMATCH'],
      ['ABCDEFGHIJK', 'USPS', 'TRACKING_FORMAT_UNKNOWN'],
    ];
    for (const [n, c, code] of cases) {
      const hs = checkTrackingForChannel(v(n, c), 'SELLER');
      expect(codes(hs)).toEqual([code]);
      for (const f of [hs[0]!.message, hs[0]!.messageZh, hs[0]!.fix])
        expect(f.length).toBeGreaterThan(0);
    }
  });

  it('on TikTok Shipping orders requires the number of a platform label', () => {
    const usps = v('9400 1112 0620 6406 2607 87', 'TIKTOK_SHIPPING');
    expect(checkTrackingForChannel(usps, 'TIKTOK')).toEqual([]);
    expect(checkTrackingForChannel(usps, 'TIKTOK', ['9400111206206406260787'])).toEqual([]);
    expect(codes(checkTrackingForChannel(usps, 'TIKTOK', ['9205590164917312751089']))).toEqual([
      'TRACKING_NOT_FROM_PLATFORM',
    ]);
    // A valid YunExpress number is still not a platform label.
    expect(codes(checkTrackingForChannel(v('YT2229521272164446', 'YUNEXPRESS'), 'TIKTOK'))).toEqual(
      ['TRACKING_NOT_FROM_PLATFORM'],
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chooseLabelService,
  defaultLabelParcel,
  type LabelServiceQuote,
  labelParcel,
} from './platform-label.ts';

const q = (
  id: string,
  price: string,
  latestDeliveryDays?: number,
  earliest?: number,
): LabelServiceQuote => ({
  id,
  name: id,
  price,
  currency: 'USD',
  latestDeliveryDays,
  earliestDeliveryDays: earliest,
});

describe('chooseLabelService (R-CHK-3, R-BIL-2)', () => {
  it('takes the cheapest, then the fastest, then the lowest id', () => {
    expect(chooseLabelService([q('a', '6.10', 5), q('b', '4.50', 5), q('c', '8.70', 3)])?.id).toBe(
      'b',
    );
    expect(chooseLabelService([q('a', '4.50', 5), q('b', '4.50', 3)])?.id).toBe('b');
    expect(chooseLabelService([q('b', '4.50', 3, 2), q('a', '4.50', 3, 1)])?.id).toBe('a');
    expect(chooseLabelService([q('b', '4.50', 3, 1), q('a', '4.50', 3, 1)])?.id).toBe('a');
    expect(chooseLabelService([q('a', '4.5', 3)])?.priceMinor).toBe(450n);
  });

  it('chooses nothing from nothing, and skips unreadable prices', () => {
    expect(chooseLabelService([])).toBeUndefined();
    expect(chooseLabelService([q('a', 'free'), q('b', '7.00')])?.id).toBe('b');
  });

  it('is the same whatever order the quotes come in', () => {
    const quote = fc
      .record({
        id: fc.stringMatching(/^[0-9]{1,4}$/),
        cents: fc.integer({ min: 0, max: 5000 }),
        days: fc.integer({ min: 1, max: 9 }),
      })
      .map((r) => q(r.id, (r.cents / 100).toFixed(2), r.days));
    fc.assert(
      fc.property(fc.uniqueArray(quote, { minLength: 1, selector: (x) => x.id }), (quotes) => {
        const a = chooseLabelService(quotes);
        const b = chooseLabelService([...quotes].reverse());
        expect(b?.id).toBe(a?.id);
      }),
    );
  });
});

describe('defaultLabelParcel', () => {
  it('grows with the units, within a carrier’s box', () => {
    expect(defaultLabelParcel(1)).toEqual({
      weightGrams: 500,
      lengthCm: 25,
      widthCm: 20,
      heightCm: 5,
    });
    expect(defaultLabelParcel(40).heightCm).toBe(60);
    expect(defaultLabelParcel(0).weightGrams).toBe(500);
  });
});

describe('labelParcel (R-CHK-3)', () => {
  it('declares the catalog’s weights plus packing when every item has one', () => {
    expect(
      labelParcel([
        { quantity: 2, weightGrams: 250 },
        { quantity: 1, weightGrams: 1200 },
      ]),
    ).toEqual({ ...defaultLabelParcel(3), weightGrams: 2 * 250 + 1200 + 100 });
  });
  it('falls back to the default parcel when any item has no weight', () => {
    expect(
      labelParcel([
        { quantity: 2, weightGrams: 250 },
        { quantity: 1, weightGrams: null },
      ]),
    ).toEqual(defaultLabelParcel(3));
    expect(labelParcel([], 2)).toEqual(defaultLabelParcel(2));
  });
  it('sizes the box by the marketplace units it is given', () => {
    expect(labelParcel([{ quantity: 1, weightGrams: 300 }], 4)).toEqual({
      ...defaultLabelParcel(4),
      weightGrams: 400,
    });
  });
});

/**
 * TikTok Shipping labels (R-CHK-3: a TikTok Shipping order ships only on the platform's label):
 * which service to buy, for what parcel, and the holds when none can be bought.
 */
import { type Hold, LABEL_NO_SERVICE } from '../holds.ts';
import { parseMoney } from '../money.ts';

/** A service TikTok Shipping offers for the parcel, as the marketplace quotes it. */
export interface LabelServiceQuote {
  id: string;
  name: string;
  /** Decimal string in `currency`. */
  price: string;
  currency: string;
  earliestDeliveryDays?: number | undefined;
  latestDeliveryDays?: number | undefined;
}

/** What a label is bought for: grams and centimetres. */
export interface LabelParcel {
  weightGrams: number;
  lengthCm: number;
  widthCm: number;
  heightCm: number;
}

/**
 * The parcel declared when the catalog says nothing of the items: 400 g a unit plus 100 g of
 * packing, in a 25 × 20 cm box 5 cm deep a unit (at most 60 cm). A typical apparel or
 * accessory order of a dropshipping seller; declaring too little risks a carrier adjustment,
 * too much overpays, so the guess is the common case, not the worst one.
 * @example defaultLabelParcel(2) // { weightGrams: 900, lengthCm: 25, widthCm: 20, heightCm: 10 }
 */
export function defaultLabelParcel(units: number): LabelParcel {
  const n = Math.max(1, Math.floor(units));
  return { weightGrams: 400 * n + 100, lengthCm: 25, widthCm: 20, heightCm: Math.min(60, 5 * n) };
}

/**
 * The parcel of a package whose items' weights the catalog knows: their weights a unit times
 * the units, plus the same 100 g of packing, in the default box. When any item has no weight
 * the whole parcel is the default one: a partial sum would declare too little.
 * @example labelParcel([{ quantity: 2, weightGrams: 250 }]) // { weightGrams: 600, lengthCm: 25, widthCm: 20, heightCm: 10 }
 */
export function labelParcel(
  lines: ReadonlyArray<{ quantity: number; weightGrams: number | null | undefined }>,
  units = lines.reduce((n, l) => n + l.quantity, 0),
): LabelParcel {
  const parcel = defaultLabelParcel(units);
  const known = lines.length > 0 && lines.every((l) => l.weightGrams != null && l.weightGrams > 0);
  if (!known) return parcel;
  const grams = lines.reduce((n, l) => n + l.quantity * l.weightGrams!, 0);
  return { ...parcel, weightGrams: grams + 100 };
}

const latest = (q: LabelServiceQuote) =>
  q.latestDeliveryDays ?? q.earliestDeliveryDays ?? Number.MAX_SAFE_INTEGER;

/**
 * The service to buy: the cheapest, then the fastest (latest promised delivery day, then the
 * earliest), then the lowest id. Cheapest first because the seller pays for the label (R-BIL-2)
 * and every TikTok Shipping service meets the marketplace's delivery promise for the order;
 * speed only breaks ties; the id makes the choice the same on every retry. Quotes in another
 * currency than the first, or with an unreadable price, are not compared and not chosen.
 * @example chooseLabelService([{ id: '2', price: '5.10', … }, { id: '1', price: '4.50', … }]) // id '1'
 */
export function chooseLabelService(
  quotes: readonly LabelServiceQuote[],
): (LabelServiceQuote & { priceMinor: bigint }) | undefined {
  const currency = quotes[0]?.currency;
  const priced = quotes.flatMap((q) => {
    if (q.currency !== currency) return [];
    try {
      return [{ ...q, priceMinor: parseMoney(q.price, q.currency) }];
    } catch {
      return [];
    }
  });
  priced.sort(
    (a, b) =>
      (a.priceMinor < b.priceMinor ? -1 : a.priceMinor > b.priceMinor ? 1 : 0) ||
      latest(a) - latest(b) ||
      (a.earliestDeliveryDays ?? 0) - (b.earliestDeliveryDays ?? 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return priced[0];
}

/** TikTok Shipping offers no service for the order's parcel: held, not lost (R-CHK-3). */
export function labelUnavailableHold(): Hold {
  return {
    code: LABEL_NO_SERVICE,
    rule: 'R-CHK-3',
    message:
      'TikTok Shipping offers no shipping service for this order right now; its label cannot be bought.',
    messageZh: 'TikTok Shipping 当前没有可用的物流服务，无法为该订单购买平台面单。',
    fix: 'Re-check the order later (orders.recheck); if it persists, check the shop’s TikTok Shipping settings in the seller center.',
  };
}

/** The marketplace refused the label purchase for a reason of the order's own. */
export function labelRefusedHold(reason: string): Hold {
  return {
    code: 'LABEL_PURCHASE_REFUSED',
    rule: 'R-CHK-3',
    message: `TikTok Shipping refused the label purchase: ${reason.slice(0, 300)}`,
    messageZh: 'TikTok Shipping 拒绝购买该订单的平台面单。',
    fix: 'Check the order in the seller center (status, package), then re-check it (orders.recheck).',
  };
}

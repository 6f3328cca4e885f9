import { badParam } from './api-error.ts';
import { PROVIDERS } from './carriers.ts';

/**
 * A TikTok Shipping service the sim sells labels on (US "purchase" flow, reference §5). Prices
 * are the sim's own, shaped like carrier retail rates: a base plus a price per started pound
 * of billable weight (the greater of actual and dimensional weight).
 */
export interface SimShippingService {
  id: string;
  name: string;
  providerId: string;
  providerName: string;
  /** The carrier's code at the carrier-tracking sim (and in the platform's carrier registry). */
  carrierCode: 'USPS' | 'UPS' | 'FEDEX';
  baseCents: number;
  perLbCents: number;
  maxGrams: number;
  earliestDays: number;
  latestDays: number;
}

const providerId = (name: string) => {
  const p = PROVIDERS.find((x) => x.name === name);
  if (!p) throw new Error(`unknown provider ${name}`);
  return p.id;
};

const service = (
  id: string,
  name: string,
  providerName: 'USPS' | 'UPS' | 'FedEx',
  s: Pick<
    SimShippingService,
    'baseCents' | 'perLbCents' | 'maxGrams' | 'earliestDays' | 'latestDays'
  >,
): SimShippingService => ({
  id,
  name,
  providerId: providerId(providerName),
  providerName,
  carrierCode: providerName === 'FedEx' ? 'FEDEX' : providerName,
  ...s,
});

/** US services only: TikTok Shipping's purchase flow is US/UK/JP, and the sim models the US. */
export const SHIPPING_SERVICES: readonly SimShippingService[] = [
  service('7208502187360519001', 'USPS Ground Advantage', 'USPS', {
    baseCents: 450,
    perLbCents: 95,
    maxGrams: 31_751, // 70 lb
    earliestDays: 2,
    latestDays: 5,
  }),
  service('7208502187360519002', 'USPS Priority Mail', 'USPS', {
    baseCents: 870,
    perLbCents: 120,
    maxGrams: 31_751,
    earliestDays: 1,
    latestDays: 3,
  }),
  service('7208502187360519003', 'UPS Ground', 'UPS', {
    baseCents: 610,
    perLbCents: 70,
    maxGrams: 68_038, // 150 lb
    earliestDays: 1,
    latestDays: 5,
  }),
  service('7208502187360519004', 'FedEx Home Delivery', 'FedEx', {
    baseCents: 720,
    perLbCents: 75,
    maxGrams: 68_038,
    earliestDays: 1,
    latestDays: 5,
  }),
];

/** What the caller declares of the parcel, in TikTok's shape (decimal strings and units). */
export interface ParcelInput {
  weight?: { value?: unknown; unit?: unknown } | undefined;
  dimension?: { length?: unknown; width?: unknown; height?: unknown; unit?: unknown } | undefined;
}

export interface Parcel {
  grams: number;
  cm: { length: number; width: number; height: number };
}

const GRAMS: Record<string, number> = { GRAM: 1, POUND: 453.59237 };
const CMS: Record<string, number> = { CM: 1, INCH: 2.54 };

function positive(raw: unknown, field: string): number {
  if (typeof raw !== 'string' || !/^\d{1,6}(\.\d{1,3})?$/.test(raw) || Number(raw) <= 0)
    throw badParam(`${field} must be a positive decimal string`);
  return Number(raw);
}

/** Weight and dimensions are required; anything else is TikTok's parameter error (36009004). */
export function parseParcel(input: ParcelInput): Parcel {
  const w = input.weight;
  if (!w) throw badParam('weight is required');
  const wUnit = typeof w.unit === 'string' ? GRAMS[w.unit] : undefined;
  if (!wUnit) throw badParam('weight.unit must be GRAM or POUND');
  const d = input.dimension;
  if (!d) throw badParam('dimension is required');
  const dUnit = typeof d.unit === 'string' ? CMS[d.unit] : undefined;
  if (!dUnit) throw badParam('dimension.unit must be CM or INCH');
  return {
    grams: positive(w.value, 'weight.value') * wUnit,
    cm: {
      length: positive(d.length, 'dimension.length') * dUnit,
      width: positive(d.width, 'dimension.width') * dUnit,
      height: positive(d.height, 'dimension.height') * dUnit,
    },
  };
}

/** Billable weight: actual or dimensional (cm³ / 5000 kg), whichever is greater. */
function billableGrams(p: Parcel): number {
  const dim = ((p.cm.length * p.cm.width * p.cm.height) / 5000) * 1000;
  return Math.max(p.grams, dim);
}

/** The services that take this parcel, with their price for it. */
export function quoteServices(p: Parcel) {
  const lbs = Math.max(1, Math.ceil(billableGrams(p) / 453.59237));
  const longest = Math.max(p.cm.length, p.cm.width, p.cm.height);
  return SHIPPING_SERVICES.filter((s) => p.grams <= s.maxGrams && longest <= 274).map((s) => ({
    service: s,
    priceCents: s.baseCents + s.perLbCents * (lbs - 1),
  }));
}

export const renderService = (s: SimShippingService, priceCents: number) => ({
  id: s.id,
  name: s.name,
  price: (priceCents / 100).toFixed(2),
  currency: 'USD',
  shipping_provider_id: s.providerId,
  shipping_provider_name: s.providerName,
  earliest_delivery_days: s.earliestDays,
  latest_delivery_days: s.latestDays,
});

import { reliableProfile, type SupplierProfile } from '@switchyard/sim-supplier';

const MIN = 60_000;
const H = 60 * MIN;

/** The marketplace simulator's seller SKUs; each simulated supplier sells some of them. */
const SKUS = {
  A: 'CASE-MAG-BLK',
  B: 'CASE-MAG-CLR',
  C: 'LED-5M-RGB',
  D: 'TMB-30-SIL',
  E: 'TMB-30-PNK',
  F: 'HAIR-CURL-01',
} as const;
type Sku = keyof typeof SKUS;

/** A simulated supplier with what the registry knows of it: items and prices. */
export interface SimulatedSupplier {
  profile: SupplierProfile;
  /** What it sells, as the tenant's SKUs (its item codes are `NET-<sku>`). */
  sells: Sku[];
  unitCostMinor: number;
  parcelCostMinor: number;
  /** What this supplier stands for in the report. */
  role: string;
}

const supplier = (
  code: string,
  role: string,
  sells: string,
  unitCostMinor: number,
  parcelCostMinor: number,
  over: Partial<Omit<SupplierProfile, 'code'>> = {},
): SimulatedSupplier => ({
  profile: { ...reliableProfile, code, ...over },
  role,
  sells: [...sells] as Sku[],
  unitCostMinor,
  parcelCostMinor,
});

/**
 * Ten suppliers of mixed reliability, in simulated time. Codes are in no order of quality: the
 * baseline's "first able supplier by code" lands on good and bad ones alike. Costs are close, as
 * in a real network; the worst suppliers are not the dearest.
 */
export const SIMULATED_NETWORK: SimulatedSupplier[] = [
  supplier('net-01', 'silent on a fifth of its orders', 'ABCD', 330, 560, { silenceRate: 0.2 }),
  supplier('net-02', 'reliable, pulls', 'CDEF', 360, 600, { connector: 'pull' }),
  supplier('net-03', 'refuses 15 %', 'ABEF', 340, 580, { rejectRate: 0.15 }),
  supplier('net-04', 'slow: long-tailed acknowledgement and shipping', 'ABCDEF', 335, 590, {
    ackDelayMs: { exponential: 15 * MIN, max: 6 * H },
    shipDelayMs: { uniform: [20 * H, 50 * H] },
  }),
  supplier('net-05', 'runs out of stock after 80 units, pulls', 'ABCDEF', 325, 560, {
    connector: 'pull',
    stockUnits: 80,
  }),
  supplier('net-06', 'reliable', 'ACE', 355, 610),
  supplier('net-07', 'mistypes 20 % of tracking numbers, pulls', 'BDF', 345, 600, {
    connector: 'pull',
    badTrackingRate: 0.2,
    fixTrackingAfterMs: { uniform: [1 * H, 4 * H] },
  }),
  supplier('net-08', 'reliable, dear', 'ABCDEF', 400, 700),
  supplier('net-09', 'silent 10 %, refuses 5 %', 'ABCDEF', 350, 600, {
    silenceRate: 0.1,
    rejectRate: 0.05,
  }),
  supplier('net-10', 'reliable', 'ABCDEF', 370, 620),
];

/** The item code a supplier uses for a seller SKU, as the harness maps the tenant's SKUs. */
export const itemCodeOf = (sku: Sku) => `SUP-${SKUS[sku]}`;

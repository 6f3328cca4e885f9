import { z } from 'zod';
import { simCarriers } from '../behaviour.ts';
import { distributionSchema } from './distribution.ts';

const rate = z.number().min(0).max(1);

/**
 * One simulated supplier of a network: how it connects and how it behaves, as distributions
 * over simulated time (the network divides every delay by its time scale). Each field is a
 * way real suppliers fail the seller: silence (R-SLA-2), refusal, a number that is not a
 * number (R-TRK-1), shipping late (R-SLA-1, R-SLA-4), selling stock it no longer has.
 */
export const supplierProfileSchema = z
  .object({
    /** The supplier's code in the platform's registry. */
    code: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
    /** `push`: receives our signed webhook; `pull`: polls `GET /partner/v1/dispatches`. */
    connector: z.enum(['push', 'pull']),
    carrier: z.enum(simCarriers),
    /** From receipt to the acknowledgement (or the refusal). */
    ackDelayMs: distributionSchema,
    /** From receipt to the shipment; never before the acknowledgement. */
    shipDelayMs: distributionSchema,
    /** Share of dispatches refused outright (`reject`, reason `cannot_fulfil`). */
    rejectRate: rate,
    /** Share of dispatches taken in and never answered. */
    silenceRate: rate,
    /** Share of shipments first reported with a mistyped number, corrected later. */
    badTrackingRate: rate,
    /** From the refused number to the corrected one. */
    fixTrackingAfterMs: distributionSchema,
    /**
     * Units really on the shelf, whatever its feed said; when an order needs more than is left
     * it refuses it (`out_of_stock`) and sends a stock feed of zero. `null`: never runs out.
     */
    stockUnits: z.int().min(0).nullable(),
    /** A pull supplier's polling interval. */
    pollEveryMs: z.number().positive(),
  })
  .strict();

export type SupplierProfile = z.infer<typeof supplierProfileSchema>;

/** A reliable push supplier answering within minutes and shipping within a day (simulated). */
export const reliableProfile: Omit<SupplierProfile, 'code'> = {
  connector: 'push',
  carrier: 'USPS',
  ackDelayMs: { uniform: [60_000, 10 * 60_000] },
  shipDelayMs: { uniform: [4 * 3_600_000, 20 * 3_600_000] },
  rejectRate: 0,
  silenceRate: 0,
  badTrackingRate: 0,
  fixTrackingAfterMs: { fixed: 3_600_000 },
  stockUnits: null,
  pollEveryMs: 5 * 60_000,
};

import { type Rng, TRACKING_FORMATS, type TrackingFormat } from '../carriers/formats.ts';
import { findCarrier, listCarriers, TIKTOK_SHIPPING } from '../carriers/registry.ts';

const PLATFORM_LABEL_CODES = listCarriers()
  .filter((c) => c.platformLabel && c.code !== TIKTOK_SHIPPING)
  .map((c) => c.code);

/**
 * Produces a valid tracking number for a carrier (correct check digit where one exists), for
 * tests, fixtures and the simulators. The shape is drawn from the carrier's shapes, or is the
 * one named by `format` (a simulated supplier prints one kind of label); TikTok Shipping draws
 * from the carriers it sells labels on. The generators live next to the patterns in
 * `carriers/formats.ts`, so a number made here is one the validator was written for.
 * @throws Error when the carrier is unknown or `format` is not one of its shapes.
 * @example generateTrackingNumber('UPS', seededRng(1)) // '1Z…' with a valid check digit
 * @example generateTrackingNumber('USPS', rng, { format: 'USPS_IMPB' }) // '9400…' or '420…9400…'
 */
export function generateTrackingNumber(
  carrierCode: string,
  rng: Rng,
  opts: { format?: string } = {},
): string {
  const code = findCarrier(carrierCode)?.code;
  if (!code) throw new Error(`unknown carrier "${carrierCode}"`);
  const codes = code === TIKTOK_SHIPPING ? PLATFORM_LABEL_CODES : [code];
  const formats: TrackingFormat[] = TRACKING_FORMATS.filter(
    (f) =>
      f.carriers.some((c) => codes.includes(c)) &&
      (opts.format === undefined || f.id === opts.format),
  );
  const format = formats[Math.floor(rng() * formats.length) % formats.length];
  if (!format) throw new Error(`no tracking format ${opts.format ?? ''} for "${carrierCode}"`);
  return format.generate(rng);
}

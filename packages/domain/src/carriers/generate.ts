import { type Rng, TRACKING_FORMATS, type TrackingFormat } from './formats.ts';
import { findCarrier, listCarriers, TIKTOK_SHIPPING } from './registry.ts';

const PLATFORM_LABEL_CODES = listCarriers()
  .filter((c) => c.platformLabel && c.code !== TIKTOK_SHIPPING)
  .map((c) => c.code);

/**
 * Produces a valid tracking number for a carrier (correct check digit where one exists), for
 * tests, fixtures and the marketplace simulator. The shape is drawn from the carrier's shapes;
 * TikTok Shipping draws from the carriers it sells labels on.
 * @throws Error when the carrier is unknown.
 * @example generateTrackingNumber('UPS', Math.random) // '1Z…' with a valid check digit
 */
export function generateTrackingNumber(carrierCode: string, rng: Rng): string {
  const code = findCarrier(carrierCode)?.code;
  if (!code) throw new Error(`unknown carrier "${carrierCode}"`);
  const codes = code === TIKTOK_SHIPPING ? PLATFORM_LABEL_CODES : [code];
  const formats: TrackingFormat[] = TRACKING_FORMATS.filter((f) =>
    f.carriers.some((c) => codes.includes(c)),
  );
  const format = formats[Math.floor(rng() * formats.length) % formats.length];
  if (!format) throw new Error(`no tracking format for "${carrierCode}"`);
  return format.generate(rng);
}

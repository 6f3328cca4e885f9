/**
 * The push-back side of R-CHK-3: a tracking number is checked against the order's channel before
 * it reaches the marketplace (R-TRK-1, R-TRK-2), because a wrong push is a strike (R-PEN-1).
 */
import { TIKTOK_SHIPPING } from '../carriers/registry.ts';
import { normalizeTrackingNumber, type TrackingVerdict } from '../carriers/tracking.ts';
import type { Hold } from '../holds.ts';
import type { ShippingType } from './authorization.ts';

function hold(code: string, rule: string, message: string, messageZh: string, fix: string): Hold {
  return { code, rule, message, messageZh, fix };
}

/**
 * Holds for a tracking number before it is pushed to the marketplace (R-TRK-1, R-TRK-2,
 * R-CHK-3). An unknown shape is held too: only the carrier can confirm it (R-TRK-2), and a
 * wrong push is a strike (R-PEN-1). On TikTok Shipping orders the number must come from the
 * platform: one of `platformTrackingNumbers` (the labels bought for the order) when given,
 * otherwise at least the shape of a carrier TikTok Shipping sells labels on.
 */
export function checkTrackingForChannel(
  verdict: TrackingVerdict,
  shippingType: ShippingType,
  platformTrackingNumbers?: readonly string[],
): Hold[] {
  const n = verdict.normalized;
  const holds: Hold[] = [];
  switch (verdict.status) {
    case 'valid':
      break;
    case 'invalid_check_digit':
      holds.push(
        hold(
          'TRACKING_CHECK_DIGIT_INVALID',
          'R-TRK-1',
          `Tracking number ${n} has a wrong check digit: ${verdict.message}`,
          `运单号 ${n} 校验位错误，可能输错或伪造。`,
          'Ask the supplier for the exact tracking number from the label.',
        ),
      );
      break;
    case 'invalid_format':
      holds.push(
        hold(
          'TRACKING_FORMAT_INVALID',
          'R-TRK-1',
          `Tracking number ${n} does not have the carrier's format: ${verdict.message}`,
          `运单号 ${n} 不符合该物流商的格式。`,
          'Ask the supplier for the tracking number and carrier printed on the label.',
        ),
      );
      break;
    case 'carrier_mismatch':
      holds.push(
        hold(
          'TRACKING_CARRIER_MISMATCH',
          'R-TRK-1',
          `Tracking number ${n} belongs to ${verdict.matches.join('/')}, not the chosen carrier.`,
          `运单号 ${n} 属于 ${verdict.matches.join('/')}，与所选物流商不一致。`,
          'Correct the carrier to the one that issued the number, or correct the number.',
        ),
      );
      break;
    case 'unknown_format':
      holds.push(
        hold(
          'TRACKING_FORMAT_UNKNOWN',
          'R-TRK-2',
          `Tracking number ${n} has a shape we cannot verify offline.`,
          `运单号 ${n} 的格式无法离线校验。`,
          'Confirm with the carrier that the number shows "Label Created", then release.',
        ),
      );
      break;
  }
  if (shippingType === 'TIKTOK') {
    const fromPlatform = platformTrackingNumbers
      ? platformTrackingNumbers.some((p) => normalizeTrackingNumber(p) === n)
      : verdict.matches.includes(TIKTOK_SHIPPING);
    if (!fromPlatform) {
      holds.push(
        hold(
          'TRACKING_NOT_FROM_PLATFORM',
          'R-CHK-3',
          `Tracking number ${n} was not issued by TikTok Shipping for this order.`,
          `运单号 ${n} 不是 TikTok Shipping 为该订单生成的平台运单号。`,
          'Use the tracking number of the platform label bought for this order.',
        ),
      );
    }
  }
  return holds;
}

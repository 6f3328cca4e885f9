import { type Hold, MARKETPLACE_ON_HOLD } from './holds.ts';

/**
 * Marketplace statuses before the order is released for shipping: TikTok withholds the
 * recipient address and forbids fulfilling the order (reference §4: UNPAID, ON_HOLD).
 */
const UNRELEASED = new Set(['UNPAID', 'ON_HOLD']);

/** Whether the marketplace still keeps the order from being shipped. */
export function awaitsMarketplaceRelease(marketplaceStatus: string): boolean {
  return UNRELEASED.has(marketplaceStatus.trim().toUpperCase());
}

/**
 * The hold of an order the marketplace has not released. Its text promises only what the
 * platform does: re-check the order once the marketplace releases it.
 */
export function buildMarketplaceHold(marketplaceStatus: string): Hold {
  const status = marketplaceStatus.trim().toUpperCase();
  return {
    code: MARKETPLACE_ON_HOLD,
    rule: 'R-IN-4',
    message: `The marketplace still shows the order as ${status}; it releases the recipient address only when the order may ship.`,
    messageZh: `平台仍显示该订单为 ${status}；订单可以发货时平台才提供收件地址。`,
    fix: 'Nothing to do: the order is re-checked automatically when the marketplace releases it.',
  };
}

/**
 * R-CHK-3 logistics channel authorization: the carrier must be bound to the shop, available at
 * the supplier and able to deliver to the buyer, and TikTok Shipping orders ship only on
 * platform labels whose tracking numbers come from that channel. A shipment on the wrong
 * channel is a carrier mismatch at push-back, one of the strikes that freeze a shop (R-PEN-1).
 */
import { findCarrier, isDestinationSupported, TIKTOK_SHIPPING } from '../carriers/registry.ts';
import type { Hold } from '../holds.ts';

/** The marketplace's `shipping_type`: platform label (`TIKTOK`) or the seller's own carrier. */
export type ShippingType = 'TIKTOK' | 'SELLER';

/** What {@link checkChannel} needs; carrier lists accept codes, preset names or aliases. */
export interface ChannelCheckInput {
  shippingType: ShippingType;
  carrierCode: string | null;
  /** Carriers authorized for the shop (bound accounts / the delivery option's providers). */
  shopCarriers: readonly string[];
  /** Carriers the supplier can ship with. */
  supplierCarriers: readonly string[];
  destinationCountry: string;
}

function hold(code: string, rule: string, message: string, messageZh: string, fix: string): Hold {
  return { code, rule, message, messageZh, fix };
}

const toCodes = (names: readonly string[]) =>
  new Set(names.flatMap((n) => findCarrier(n)?.code ?? []));

/**
 * Holds for the order's carrier channel (R-CHK-3); empty when the channel may be used.
 * On a TikTok Shipping order the checks apply to the TikTok Shipping channel whatever carrier
 * was chosen, so the holds also say whether switching to platform labels would work.
 * @example checkChannel({ shippingType: 'SELLER', carrierCode: 'YunExpress', shopCarriers: ['YUNEXPRESS'], supplierCarriers: ['云途'], destinationCountry: 'US' }) // []
 */
export function checkChannel(input: ChannelCheckInput): Hold[] {
  const raw = input.carrierCode?.trim();
  if (!raw) {
    return [
      hold(
        'CHANNEL_MISSING',
        'R-CHK-3',
        'No carrier channel was chosen.',
        '未选择物流渠道。',
        input.shippingType === 'TIKTOK'
          ? 'Set the channel to TikTok Shipping.'
          : 'Pick a carrier authorized for the shop.',
      ),
    ];
  }
  const chosen = findCarrier(raw);
  if (!chosen) {
    return [
      hold(
        'CHANNEL_UNKNOWN',
        'R-TRK-3',
        `Carrier "${raw}" is not in the marketplace carrier list.`,
        `物流商「${raw}」不在平台预设物流商列表中。`,
        'Use a carrier name from the marketplace preset list.',
      ),
    ];
  }
  const holds: Hold[] = [];
  if (input.shippingType === 'SELLER' && chosen.code === TIKTOK_SHIPPING) {
    return [
      hold(
        'PLATFORM_LABEL_NOT_ALLOWED',
        'R-CHK-3',
        'TikTok Shipping labels exist only for orders with shipping type TIKTOK.',
        '只有平台物流（TikTok Shipping）订单才能使用平台面单。',
        'Pick the seller carrier that will ship the order.',
      ),
    ];
  }
  if (input.shippingType === 'TIKTOK' && chosen.code !== TIKTOK_SHIPPING) {
    holds.push(
      hold(
        'PLATFORM_LABEL_REQUIRED',
        'R-CHK-3',
        `The order ships with TikTok Shipping; a ${chosen.marketplaceName} label of the seller's own is not accepted.`,
        `该订单使用平台物流（TikTok Shipping），不接受卖家自有的 ${chosen.marketplaceName} 面单。`,
        'Buy the label through TikTok Shipping and print the platform label.',
      ),
    );
  }
  const channel =
    input.shippingType === 'TIKTOK' ? (findCarrier(TIKTOK_SHIPPING) ?? chosen) : chosen;
  const name = channel.marketplaceName;
  if (!toCodes(input.shopCarriers).has(channel.code)) {
    holds.push(
      hold(
        'CHANNEL_NOT_AUTHORIZED',
        'R-CHK-3',
        `${name} is not authorized for this shop.`,
        `该店铺未授权物流渠道 ${name}。`,
        `Bind a ${name} account to the shop in the seller center, or pick an authorized carrier.`,
      ),
    );
  }
  if (!toCodes(input.supplierCarriers).has(channel.code)) {
    holds.push(
      hold(
        'CHANNEL_NOT_SERVED',
        'R-CHK-3',
        `The supplier cannot ship with ${name}.`,
        `供应商不支持物流渠道 ${name}。`,
        'Route the order to a supplier that ships with this carrier, or change the carrier.',
      ),
    );
  }
  const country = input.destinationCountry.trim();
  // A missing country is an address hold (R-IN-4, R-CHK-2), not a channel one.
  if (country && !isDestinationSupported(channel, country)) {
    holds.push(
      hold(
        'CHANNEL_COUNTRY_UNSUPPORTED',
        'R-CHK-3',
        `${name} does not deliver to ${country}.`,
        `${name} 不支持寄往 ${country}。`,
        'Pick a carrier that delivers to the destination country.',
      ),
    );
  }
  return holds;
}

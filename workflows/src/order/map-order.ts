import {
  type FulfillmentOrder,
  findCarrier,
  parseMoney,
  type Recipient,
  toE164,
} from '@switchyard/domain';
import type { TtsAddress, TtsOrder } from '@switchyard/tiktok-shop';

/** Carrier used when the order names none; channel authorization (R-CHK-3) refines this. */
const DEFAULT_CARRIER: Record<string, string> = { US: 'USPS' };

function level(addr: TtsAddress, lvl: string) {
  return addr.district_info?.find((d) => d.address_level === lvl);
}

function toRecipient(addr: TtsAddress | undefined): Recipient | null {
  if (!addr) return null;
  const country = (addr.region_code ?? level(addr, 'L0')?.iso_code ?? '').toUpperCase();
  const lines = [addr.address_line1, addr.address_line2, addr.address_line3, addr.address_line4]
    .map((l) => l?.trim() ?? '')
    .filter(Boolean);
  return {
    name: addr.name ?? [addr.first_name, addr.last_name].filter(Boolean).join(' '),
    // An unparseable phone becomes empty, which the required-field check holds (R-IN-4).
    phone: toE164(addr.phone_number ?? '') ?? '',
    addressLines: lines.length ? lines : [addr.address_detail ?? ''].filter(Boolean),
    city:
      addr.post_town ?? level(addr, 'L3')?.address_name ?? level(addr, 'L2')?.address_name ?? '',
    // District ISO codes are ISO 3166-2 ("US-CA"); suppliers and the checks want "CA".
    region: (level(addr, 'L1')?.iso_code ?? level(addr, 'L1')?.address_name ?? '').replace(
      /^[A-Z]{2}-/,
      '',
    ),
    postalCode: addr.postal_code ?? '',
    country,
  };
}

/** The order's carrier as a registry code: TikTok Shipping, the named provider, or the default. */
function carrierOf(o: TtsOrder, recipient: Recipient | null): string | null {
  if (o.shipping_type === 'TIKTOK') return 'TIKTOK_SHIPPING';
  if (typeof o.shipping_provider === 'string')
    return findCarrier(o.shipping_provider)?.code ?? o.shipping_provider;
  return recipient ? (DEFAULT_CARRIER[recipient.country] ?? null) : null;
}

/** Marketplace order → platform order. Line items are one per unit, so units are counted per SKU. */
export function mapTikTokOrder(o: TtsOrder): FulfillmentOrder {
  const lines = new Map<string, FulfillmentOrder['lines'][number]>();
  for (const li of o.line_items) {
    const key = li.sku_id ?? li.seller_sku ?? li.id ?? '';
    const line = lines.get(key);
    if (line) line.quantity += 1;
    else
      lines.set(key, {
        skuId: String(li.sku_id ?? ''),
        sellerSku: li.seller_sku ?? '',
        name: li.product_name ?? '',
        quantity: 1,
      });
  }
  const currency = o.payment?.currency ?? o.line_items[0]?.currency ?? 'USD';
  const recipient = toRecipient(o.recipient_address);
  const shipBy = o.rts_sla_time ?? o.shipping_due_time;
  return {
    platformOrderId: String(o.id),
    status: o.status,
    lines: [...lines.values()],
    recipient,
    currency,
    totalMinor: o.payment?.total_amount ? parseMoney(o.payment.total_amount, currency) : 0n,
    shipBy: typeof shipBy === 'number' ? new Date(shipBy * 1000) : null,
    deliveryOptionId: o.delivery_option_id ? String(o.delivery_option_id) : null,
    carrierCode: carrierOf(o, recipient),
    shippingType: o.shipping_type === 'TIKTOK' ? 'TIKTOK' : 'SELLER',
  };
}

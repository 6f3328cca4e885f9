import { defaultDeliveryOption, deliveryOption } from './carriers.ts';
import {
  type AddressSeed,
  FIRST_NAMES,
  LAST_NAMES,
  PRODUCTS,
  UK_ADDRESSES,
  US_ADDRESSES,
} from './fixtures.ts';
import type { Rng } from './rng.ts';
import type { CreateOrderInput, CreateOrderItem, SimLineItem, SimOrder, SimShop } from './types.ts';

// Money is handled in integer cents and rendered as TikTok's decimal strings (reference §0).
const money = (cents: number): string => (cents / 100).toFixed(2);
const toCents = (s: string): number => Math.round(Number(s) * 100);

function address(
  shop: SimShop,
  rng: Rng,
  bad: CreateOrderInput['badAddress'] | undefined,
): Record<string, unknown> {
  const uk = shop.region === 'GB';
  const seed: AddressSeed = rng.pick(uk ? UK_ADDRESSES : US_ADDRESSES);
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  let line1 = seed.line1;
  let postal = seed.postalCode;
  // R-CHK-2 failure modes the platform must catch before a supplier ships.
  if (bad === 'PO_BOX') line1 = `PO Box ${rng.int(100, 9999)}`;
  if (bad === 'WRONG_POSTCODE') postal = uk ? '10118' : 'M5V 2T6';
  const line2 = rng.chance(0.3) ? `Apt ${rng.int(1, 40)}` : '';
  const country = uk ? 'United Kingdom' : 'United States';
  const phone = uk ? `(+44)77009${rng.digits(5)}` : `(+1)${rng.int(201, 989)}555${rng.digits(4)}`;
  const full = [line1, line2, seed.city, seed.state, postal, country].filter(Boolean).join(', ');
  return {
    name: `${first} ${last}`,
    first_name: first,
    last_name: last,
    phone_number: phone,
    full_address: full,
    address_detail: line2 ? `${line1} ${line2}` : line1,
    address_line1: line1,
    address_line2: line2,
    address_line3: '',
    address_line4: '',
    postal_code: postal,
    region_code: uk ? 'GB' : 'US',
    ...(uk ? { post_town: seed.city } : {}),
    district_info: [
      {
        address_level: 'L0',
        address_level_name: 'Country',
        address_name: country,
        iso_code: uk ? 'GB' : 'US',
      },
      {
        address_level: 'L1',
        address_level_name: uk ? 'Country' : 'State',
        address_name: seed.state,
        iso_code: seed.stateIso,
      },
      { address_level: 'L3', address_level_name: 'City', address_name: seed.city, iso_code: '' },
    ],
    delivery_preferences: { drop_off_location: '' },
  };
}

function lineItems(input: Partial<CreateOrderInput>, rng: Rng, currency: string): SimLineItem[] {
  const wanted: CreateOrderItem[] = input.items?.length
    ? input.items
    : Array.from({ length: rng.int(1, 2) }, () => {
        const p = rng.pick(PRODUCTS);
        const s = rng.pick(p.skus);
        return { skuId: s.skuId, quantity: rng.chance(0.3) ? 2 : 1 };
      });
  const items: SimLineItem[] = [];
  for (const w of wanted) {
    const product = PRODUCTS.find((p) => p.skus.some((s) => s.skuId === w.skuId));
    const sku = product?.skus.find((s) => s.skuId === w.skuId);
    const priceCents = w.unitPrice !== undefined ? toCents(w.unitPrice) : (sku?.price ?? 999);
    const discount = rng.chance(0.2) ? Math.round(priceCents * 0.1) : 0;
    // One line item per unit (reference §4): a quantity of 2 is two line items.
    for (let i = 0; i < (w.quantity ?? 1); i++) {
      items.push({
        id: rng.numericId('5770'),
        sku_id: w.skuId ?? sku?.skuId ?? rng.numericId('1729'),
        seller_sku: w.sellerSku ?? sku?.sellerSku ?? 'SKU-UNKNOWN',
        product_id: w.productId ?? product?.productId ?? rng.numericId('1729'),
        product_name: w.productName ?? product?.productName ?? 'Generic Item',
        sku_name: sku?.skuName ?? 'Default',
        sku_image: 'https://p16-oec-va.ibyteimg.com/tos-maliva-i-o3syd03w52-us/sim.jpeg',
        original_price: money(priceCents),
        sale_price: money(priceCents - discount),
        seller_discount: money(discount),
        platform_discount: '0.00',
        currency,
        display_status: 'UNPAID', // a new order is UNPAID; transitions restate it
        is_gift: false,
      });
    }
  }
  return items;
}

function payment(items: SimLineItem[], currency: string, uk: boolean) {
  const original = items.reduce((a, i) => a + toCents(i.original_price), 0);
  const sellerDiscount = items.reduce((a, i) => a + toCents(i.seller_discount), 0);
  const subTotal = original - sellerDiscount; // platform discount is 0 in generated orders
  const shipping = subTotal >= 3500 ? 0 : 499;
  // UK prices include VAT; US adds sales tax on top.
  const tax = uk ? 0 : Math.round(subTotal * 0.0825);
  return {
    currency,
    original_total_product_price: money(original),
    seller_discount: money(sellerDiscount),
    platform_discount: '0.00',
    sub_total: money(subTotal),
    original_shipping_fee: money(shipping),
    shipping_fee: money(shipping),
    shipping_fee_seller_discount: '0.00',
    shipping_fee_platform_discount: '0.00',
    shipping_fee_cofunded_discount: '0.00',
    product_tax: money(tax),
    shipping_fee_tax: '0.00',
    tax: money(tax),
    retail_delivery_fee: '0.00',
    total_amount: money(subTotal + shipping + tax),
  };
}

/** Builds a new UNPAID order; the caller moves it through the status machine. */
export function generateOrder(
  shop: SimShop,
  input: Partial<CreateOrderInput>,
  rng: Rng,
  nowSec: number,
  opts: { badAddressRate: number; onHoldOrder: boolean },
): SimOrder {
  const uk = shop.region === 'GB';
  const currency = uk ? 'GBP' : 'USD';
  const option =
    (input.deliveryOptionId ? deliveryOption(input.deliveryOptionId) : undefined) ??
    defaultDeliveryOption(shop.region);
  const items = lineItems(input, rng, currency);
  const bad =
    input.badAddress ??
    (rng.chance(opts.badAddressRate) ? rng.pick(['PO_BOX', 'WRONG_POSTCODE'] as const) : undefined);
  return {
    id: rng.numericId('576', 18),
    shopId: shop.id,
    status: 'UNPAID',
    onHoldOrder: opts.onHoldOrder,
    createTime: nowSec,
    updateTime: nowSec,
    userId: rng.numericId('7494'),
    buyerMessage: input.buyerMessage ?? '',
    deliveryOptionId: input.deliveryOptionId ?? option.id,
    deliveryOptionName: option.name,
    shippingType: input.shippingType ?? 'SELLER',
    currency,
    lineItems: items,
    payment: payment(items, currency, uk),
    recipientAddress: { ...address(shop, rng, bad), ...input.address },
    packages: [],
  };
}

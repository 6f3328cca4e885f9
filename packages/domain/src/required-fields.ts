import type { Hold } from './holds.ts';
import { awaitsMarketplaceRelease, buildMarketplaceHold } from './marketplace-release.ts';
import type { FulfillmentOrder } from './order.ts';

const ZH: Record<string, string> = {
  ORDER_NUMBER_MISSING: '订单缺少订单号。',
  LINES_MISSING: '订单没有商品行。',
  SKU_CODE_MISSING: '商品行缺少卖家 SKU。',
  QUANTITY_INVALID: '商品数量无效。',
  ADDRESS_MISSING: '收件地址不可用。',
  RECIPIENT_NAME_MISSING: '收件人姓名缺失。',
  PHONE_MISSING: '收件人电话缺失或缺少国家区号。',
  ADDRESS_INCOMPLETE: '地址缺少街道、邮编或国家。',
  CARRIER_MISSING: '订单未选择物流渠道。',
};

/**
 * R-IN-4: a supplier needs order number, SKU code, quantity, recipient name, phone, address
 * and carrier code. Each missing field is one hold. An order the marketplace has not released
 * yet is held for that instead of for its address and carrier, which are withheld, not missing.
 */
export function checkRequiredFields(order: FulfillmentOrder): Hold[] {
  const holds: Hold[] = [];
  const unreleased = awaitsMarketplaceRelease(order.status);
  if (unreleased) holds.push(buildMarketplaceHold(order.status));
  const hold = (code: string, message: string, fix: string) =>
    holds.push({ code, rule: 'R-IN-4', message, messageZh: ZH[code] ?? message, fix });
  if (!order.platformOrderId.trim())
    hold(
      'ORDER_NUMBER_MISSING',
      'The order has no number.',
      'Re-import the order from the marketplace.',
    );
  if (order.lines.length === 0)
    hold('LINES_MISSING', 'The order has no line items.', 'Check the order in the seller center.');
  for (const l of order.lines) {
    if (!l.sellerSku.trim())
      hold(
        'SKU_CODE_MISSING',
        `Line ${l.skuId} has no seller SKU.`,
        'Set a seller SKU on the listing.',
      );
    if (!Number.isInteger(l.quantity) || l.quantity < 1)
      hold(
        'QUANTITY_INVALID',
        `Line ${l.skuId} has quantity ${l.quantity}.`,
        'Check the order lines.',
      );
  }
  const r = order.recipient;
  if (!r) {
    if (!unreleased)
      hold(
        'ADDRESS_MISSING',
        'The recipient address is not available.',
        'Enter the address on the order, or ask the buyer to add it.',
      );
  } else {
    if (!r.name.trim())
      hold(
        'RECIPIENT_NAME_MISSING',
        'The recipient has no name.',
        'Ask the buyer to update the address.',
      );
    if (!r.phone.trim())
      hold(
        'PHONE_MISSING',
        'The recipient has no phone number.',
        'Ask the buyer for a phone number.',
      );
    if (!r.addressLines.some((l) => l.trim()) || !r.postalCode.trim() || !r.country.trim()) {
      hold(
        'ADDRESS_INCOMPLETE',
        'The address lacks a street line, postcode or country.',
        'Ask the buyer to complete the address.',
      );
    }
  }
  // Without the address the carrier cannot be derived either; it is withheld, not missing.
  if (!order.carrierCode && !(unreleased && !r))
    hold(
      'CARRIER_MISSING',
      'No carrier channel was chosen for the order.',
      'Pick a carrier for the delivery option.',
    );
  return holds;
}

import type { Hold } from './holds.ts';
import type { FulfillmentOrder } from './order.ts';

/**
 * R-IN-4: a supplier needs order number, SKU code, quantity, recipient name, phone, address
 * and carrier code. Each missing field is one hold.
 */
export function checkRequiredFields(order: FulfillmentOrder): Hold[] {
  const holds: Hold[] = [];
  const hold = (code: string, message: string, fix: string) =>
    holds.push({ code, rule: 'R-IN-4', message, fix });
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
    hold(
      'ADDRESS_MISSING',
      'The recipient address is not available.',
      'Wait until the order leaves ON_HOLD.',
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
  if (!order.carrierCode)
    hold(
      'CARRIER_MISSING',
      'No carrier channel was chosen for the order.',
      'Pick a carrier for the delivery option.',
    );
  return holds;
}

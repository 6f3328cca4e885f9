import type { Hold } from './holds.ts';

export const LINE_GROUP_NO_SUPPLIER = 'LINE_GROUP_NO_SUPPLIER';

/**
 * R-RT-1 split: a line group that no supplier in the network can take any more (each refused,
 * went silent or ran out of stock) while the order's other groups shipped. The order is neither
 * failed nor complete: the shipped packages stand, and what is left waits for a supplier the
 * tenant or the operator finds (stock, a pin, a new supplier), then a re-check routes it again,
 * or for the order's cancellation. The marketplace's 48-hour clock (R-SLA-1) still runs, which
 * is why the operator is alerted at once (R-SLA-5: the platform carries its network's faults).
 */
export function lineGroupNoSupplierHold(groups: readonly number[]): Hold {
  const which = groups.map((g) => g + 1).join(', ');
  return {
    code: LINE_GROUP_NO_SUPPLIER,
    rule: 'R-RT-1',
    message: `Part of this order shipped, but no supplier can take line group ${which} any more; the rest of the order waits.`,
    messageZh: `该订单已部分发货，但没有供应商能承接第 ${which} 组商品；其余商品等待处理。`,
    fix: 'Restock a supplier of the items, pin one that carries them, or cancel the rest; then re-check the order (orders.recheck).',
  };
}

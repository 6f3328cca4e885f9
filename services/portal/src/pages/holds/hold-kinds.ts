import type { Hold } from '../../api/types.ts';

/** Which fix a hold calls for, by the rule it enforces (R-CHK-1 SKU mapping, R-CHK-2 address). */
export type FixKind = 'sku' | 'address' | 'wait' | 'recheck';

/** The marketplace has not released the order: it is re-checked by itself. */
const MARKETPLACE_ON_HOLD = 'MARKETPLACE_ON_HOLD';

export function fixKindOf(hold: Hold): FixKind {
  if (hold.code === MARKETPLACE_ON_HOLD) return 'wait';
  if (hold.rule === 'R-CHK-1') return 'sku';
  if (hold.rule === 'R-CHK-2' || hold.rule === 'R-CHK-4') return 'address';
  return 'recheck';
}

/**
 * Texts of the R-CHK-1 holds, in English and Simplified Chinese (suppliers and many sellers read
 * Chinese), each with the fix a tenant can make in the mapping table.
 */
import type { Hold } from '../holds.ts';
import type { OrderLine } from './mapping.ts';

/** Codes of the SKU mapping holds. */
export type SkuHoldCode =
  | 'SKU_UNMAPPED'
  | 'SKU_AMBIGUOUS'
  | 'SKU_INACTIVE'
  | 'SKU_MAPPING_INVALID'
  | 'SKU_QUANTITY_INVALID';

type Texts = { en: string; zh: string; fix: string };

const TEXTS: Record<SkuHoldCode, (line: OrderLine, detail: string) => Texts> = {
  SKU_UNMAPPED: () => ({
    en: 'is not mapped to a supplier item.',
    zh: '未映射到供应商商品编码。',
    fix: 'Add this SKU to the SKU mapping table with its supplier item code.',
  }),
  SKU_AMBIGUOUS: (_, items) => ({
    en: `has several active mappings to different supplier items (${items}).`,
    zh: `有多条启用的映射，指向不同的供应商商品（${items}）。`,
    fix: 'Keep one active mapping for this SKU and deactivate the others.',
  }),
  SKU_INACTIVE: () => ({
    en: 'only has inactive mappings.',
    zh: '的映射均已停用。',
    fix: 'Reactivate the mapping or add an active one for this SKU.',
  }),
  SKU_MAPPING_INVALID: () => ({
    en: 'has a mapping without a supplier item code or with a unit count that is not a positive whole number.',
    zh: '的映射缺少供应商商品编码，或数量不是正整数。',
    fix: 'Fix the supplier item code, units per SKU or bundle components of the mapping.',
  }),
  SKU_QUANTITY_INVALID: (line) => ({
    en: `has quantity ${line.quantity}.`,
    zh: `的数量 ${line.quantity} 无效。`,
    fix: 'Check the order lines in the seller center and re-import the order.',
  }),
};

/** Builds the hold for one order line; `detail` is the list of items for an ambiguity. */
export function buildSkuHold(code: SkuHoldCode, line: OrderLine, detail = ''): Hold {
  const t = TEXTS[code](line, detail);
  return {
    code,
    rule: 'R-CHK-1',
    message: `SKU ${line.skuId} (seller SKU "${line.sellerSku}") ${t.en}`,
    messageZh: `SKU ${line.skuId}（卖家 SKU「${line.sellerSku}」）${t.zh}`,
    fix: t.fix,
  };
}

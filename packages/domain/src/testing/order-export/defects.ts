import type { ExportRow } from './index.ts';

/** What the importer must report for a damaged order (codes sorted, unique). */
export interface ExpectedRejection {
  orderNumber: string | null;
  codes: string[];
}

/**
 * Damage the importer must catch, one per kind of mistake seen in real uploads. Each mutates
 * the rows of one generated order and says which rejections it causes.
 */
export interface Defect {
  name: string;
  apply(rows: ExportRow[], orderId: string, index: number): ExpectedRejection[];
}

const all = (rows: ExportRow[], patch: ExportRow) => {
  for (const r of rows) Object.assign(r, patch);
};
const single = (rows: ExportRow[]) => {
  rows.splice(1);
};
const atLeastTwo = (rows: ExportRow[]) => {
  if (rows.length < 2)
    rows.push({ ...rows[0], skuId: `${rows[0]!.skuId}9`, sellerSku: 'SKU-EXTRA' });
};
const reject = (orderNumber: string | null, code: string) => [{ orderNumber, codes: [code] }];

/** The same damage on every row of the order, so no ORDER_CONFLICT joins in. */
const everyRow = (name: string, patch: ExportRow, code: string): Defect => ({
  name,
  apply: (rows, id) => {
    all(rows, patch);
    return reject(id, code);
  },
});

export const DEFECTS: readonly Defect[] = [
  {
    name: 'order id missing',
    apply: (rows) => {
      single(rows);
      rows[0]!.orderId = '';
      return reject(null, 'ORDER_ID_MISSING');
    },
  },
  {
    name: 'quantity zero on the last line',
    apply: (rows, id) => {
      rows.at(-1)!.quantity = '0';
      return reject(id, 'QUANTITY_INVALID');
    },
  },
  everyRow('phone without country code', { phone: '2015550123' }, 'PHONE_INVALID'),
  everyRow('recipient empty', { recipient: '' }, 'RECIPIENT_MISSING'),
  everyRow('carrier not in the preset list', { carrier: 'Pony Express' }, 'CARRIER_UNKNOWN'),
  everyRow('country unknown', { country: 'Atlantis' }, 'COUNTRY_UNKNOWN'),
  everyRow('street address empty', { detailAddress: '' }, 'ADDRESS_MISSING'),
  {
    name: 'second line ships elsewhere',
    apply: (rows, id) => {
      atLeastTwo(rows);
      rows.at(-1)!.detailAddress = '1 Other Road, Somewhere';
      return reject(id, 'ORDER_CONFLICT');
    },
  },
  {
    name: 'no SKU on the first line',
    apply: (rows, id) => {
      Object.assign(rows[0]!, { skuId: '', sellerSku: '' });
      return reject(id, 'SKU_MISSING');
    },
  },
  everyRow('amount not a number', { amount: '12,3x' }, 'AMOUNT_INVALID'),
  everyRow('masked phone', { phone: '(+1)201*****23' }, 'PHONE_INVALID'),
  {
    name: 'order id mangled by Excel',
    apply: (rows, _id, i) => {
      const mangled = `5.${String(i).padStart(7, '0')}E+17`;
      all(rows, { orderId: mangled });
      return reject(mangled, 'ORDER_ID_INVALID');
    },
  },
  everyRow('cancelled order in the export', { status: 'Cancelled' }, 'STATUS_NOT_SHIPPABLE'),
  {
    name: 'unquoted comma adds a cell',
    apply: (rows, id) => {
      rows[0]!.extra = ['oops'];
      return reject(id, 'ROW_COLUMNS_MISMATCH');
    },
  },
  {
    name: 'one line lost its order id',
    apply: (rows, id) => {
      atLeastTwo(rows);
      rows.at(-1)!.orderId = '';
      return [
        { orderNumber: id, codes: ['ORDER_ROW_UNATTRIBUTED'] },
        { orderNumber: null, codes: ['ORDER_ID_MISSING'] },
      ];
    },
  },
];

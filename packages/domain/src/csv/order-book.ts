import { type ColumnMap, columnName, type Field } from './columns.ts';
import type { OrderValues, RowFacts, RowLine } from './row.ts';
import type { CsvEvent, CsvOrder, CsvRowError } from './types.ts';

/**
 * Collects rows by order id until the file ends: rows of one order are usually contiguous
 * but not always, so no order is complete before the last row. Per order it keeps only what
 * the order needs (first row's values, summed lines, row numbers, errors), about 1 KB.
 */
interface Group {
  orderId: string | null;
  rows: number[];
  errors: CsvRowError[];
  values: OrderValues;
  createdTime: string;
  /** Summed per SKU; dropped once the order is rejected, since it will not be built. */
  lines: Map<string, RowLine> | null;
}

/** Order-level values whose disagreement between rows of one order is a conflict. */
const COMPARED: ReadonlyArray<readonly [keyof OrderValues, Field]> = [
  ['recipient', 'recipient'],
  ['phone', 'phone'],
  ['detailAddress', 'detailAddress'],
  ['additionalAddress', 'additionalAddress'],
  ['zipcode', 'zipcode'],
  ['city', 'city'],
  ['state', 'state'],
  ['country', 'country'],
  ['carrier', 'carrier'],
  ['currency', 'currency'],
  ['totalMinor', 'amount'],
  ['deliveryOption', 'deliveryOption'],
  ['status', 'status'],
];

export class OrderBook {
  // Insertion order = order of first appearance, which keeps the event order deterministic.
  // Rows without an order id get a key no id can have, so each is reported on its own.
  readonly #groups = new Map<string, Group>();
  #unattributed = 0;

  constructor(readonly columns: ColumnMap) {}

  add(facts: RowFacts): void {
    const key = facts.orderId ?? `\u0000${facts.row}`;
    if (facts.orderId === null) this.#unattributed++;
    const group = this.#groups.get(key);
    if (!group) {
      this.#groups.set(key, {
        orderId: facts.orderId,
        rows: [facts.row],
        errors: facts.errors,
        values: facts.values,
        createdTime: facts.createdTime,
        lines: facts.errors.length ? null : addLine(new Map(), facts.line),
      });
      return;
    }
    group.errors.push(...facts.errors, ...this.#conflicts(group, facts));
    group.rows.push(facts.row);
    if (group.errors.length) group.lines = null;
    else if (group.lines) addLine(group.lines, facts.line);
  }

  #conflicts(group: Group, facts: RowFacts): CsvRowError[] {
    const hit = COMPARED.find(([key]) => group.values[key] !== facts.values[key]);
    if (!hit) return [];
    const column = columnName(this.columns, hit[1]);
    const message = `${column} differs from row ${group.rows[0]} of the same order.`;
    return [{ row: facts.row, column, code: 'ORDER_CONFLICT', message }];
  }

  /** The report, once the whole file has been read. */
  *events(dataRows: number): Generator<CsvEvent> {
    this.#linkUnattributed();
    let accepted = 0;
    let rejected = 0;
    for (const g of this.#groups.values()) {
      if (g.errors.length || !g.lines) {
        if (g.orderId !== null) rejected++;
        const errors = g.errors.sort((a, b) => a.row - b.row);
        yield { kind: 'rejected', orderNumber: g.orderId, rows: g.rows, errors };
      } else {
        accepted++;
        yield { kind: 'order', orderNumber: g.orderId!, rows: g.rows, order: toOrder(g, g.lines) };
      }
    }
    const unattributedRows = this.#unattributed;
    const orders = accepted + rejected;
    yield { kind: 'summary', rows: dataRows, orders, accepted, rejected, unattributedRows };
  }

  /**
   * A row without an order id may be the missing half of an order. When it names the same
   * recipient and address as an order, that order is held back too: never ship half an order.
   */
  #linkUnattributed(): void {
    if (this.#unattributed === 0) return;
    const byRecipient = new Map<string, Group[]>();
    for (const g of this.#groups.values()) {
      const key = recipientKey(g.values);
      if (!key) continue;
      const list = byRecipient.get(key);
      if (list) list.push(g);
      else byRecipient.set(key, [g]);
    }
    const column = columnName(this.columns, 'orderId');
    for (const orphan of this.#groups.values()) {
      if (orphan.orderId !== null) continue;
      for (const g of byRecipient.get(recipientKey(orphan.values)) ?? []) {
        if (g.orderId === null) continue;
        const row = orphan.rows[0]!;
        const message = `Row ${row} has this order's recipient but no order id; it may belong to this order.`;
        g.errors.push({ row, column, code: 'ORDER_ROW_UNATTRIBUTED', message });
        g.lines = null;
      }
    }
  }
}

function addLine(lines: Map<string, RowLine>, line: RowLine): Map<string, RowLine> {
  const key = `${line.skuId}\u0000${line.sellerSku}`;
  const existing = lines.get(key);
  if (existing) existing.quantity += line.quantity;
  else lines.set(key, { ...line });
  return lines;
}

function recipientKey(v: OrderValues): string {
  if (!v.recipient || !v.detailAddress) return '';
  return [v.recipient, v.phone, v.detailAddress, v.zipcode, v.country].join('\u0000').toLowerCase();
}

function toOrder(g: Group, lines: Map<string, RowLine>): CsvOrder {
  const v = g.values;
  return {
    source: 'csv',
    platformOrderId: g.orderId!,
    status: v.status,
    lines: [...lines.values()],
    recipient: {
      name: v.recipient,
      phone: v.phone,
      addressLines: [v.detailAddress, v.additionalAddress].filter((l) => l !== ''),
      city: v.city,
      region: v.state,
      postalCode: v.zipcode,
      country: v.country,
    },
    currency: v.currency,
    totalMinor: BigInt(v.totalMinor),
    shipBy: null,
    // The export carries the option's name, not its id; the name is what a supplier reads.
    deliveryOptionId: v.deliveryOption || null,
    carrierCode: v.carrier,
    createdTime: g.createdTime || null,
  };
}

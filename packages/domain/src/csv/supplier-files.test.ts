import { describe, expect, it } from 'vitest';
import { safeCsvCell } from './safe-cell.ts';
import { parseSupplierAnswers } from './supplier-answers.ts';
import { formatDispatchBatchCsv } from './supplier-batch.ts';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const bytes = (s: string) => new TextEncoder().encode(s);
const HEADER = 'dispatch_id,action,expected_ship_at,carrier,tracking_number,reason';

describe('batch file cells', () => {
  it('never lets a cell start a formula (CSV injection), and quotes per RFC 4180', () => {
    expect(safeCsvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(safeCsvCell('+1 555 0100')).toBe("'+1 555 0100");
    expect(safeCsvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(safeCsvCell('-2')).toBe("'-2");
    expect(safeCsvCell('12 Main St, Apt 4')).toBe('"12 Main St, Apt 4"');
    expect(safeCsvCell('plain')).toBe('plain');
  });

  it('writes one row per item line, the same bytes for the same dispatches', () => {
    const d = {
      dispatchId: 'd_1',
      orderNumber: '576',
      lines: [
        { skuCode: 'SUP-A', quantity: 2, name: 'Mug' },
        { skuCode: 'SUP-B', quantity: 1 },
      ],
      recipient: {
        name: '=cmd|calc',
        phone: '+1 555 0100',
        addressLines: ['1 Main St'],
        city: 'Austin',
        postalCode: '73301',
        country: 'US',
      },
      carrier: 'USPS',
      shipBy: '2026-12-02T00:00:00.000Z',
      ackDueAt: '2026-12-01T01:30:00.000Z',
    };
    const csv = formatDispatchBatchCsv([d]);
    expect(csv).toBe(formatDispatchBatchCsv([d]));
    const rows = csv
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(/^d_1,576,1,SUP-A,2,Mug,'=cmd\|calc,'\+1 555 0100,1 Main St,/);
    expect(rows[2]).toMatch(/^d_1,576,2,SUP-B,1,,/);
    // No platform label: its two columns, last, are empty.
    expect(rows[1]).toMatch(/,,$/);

    const labelled = formatDispatchBatchCsv([
      { ...d, label: { trackingNumber: '9400111206206406260787', url: 'https://p/x/label' } },
    ]);
    const [header, first] = labelled.replace(/^\ufeff/, '').split('\r\n');
    expect(header?.split(',').slice(-2)).toEqual(['label_tracking_number', 'label_url']);
    expect(first).toMatch(/,9400111206206406260787,https:\/\/p\/x\/label$/);
  });
});

describe('answer files', () => {
  it('takes good rows and refuses each bad one with a stable code', () => {
    const r = parseSupplierAnswers(
      bytes(
        [
          HEADER,
          'd_1,ack,2026-12-02T08:00:00+08:00,,,',
          'd_1,SHIP,,USPS,9400111899223344556677,',
          '',
          'd_2,reject,,,,',
          'd_1,ack,,,,',
          'x,ack,,,,',
          'd_3,ship,,USPS,12-34,',
          'd_4,ack,2099-01-01T00:00:00Z,,,',
          'd_5,ack,,,',
        ].join('\n'),
      ),
      NOW,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows).toEqual([
      { row: 2, dispatchId: 'd_1', action: 'ack', expectedShipAt: '2026-12-02T00:00:00.000Z' },
      {
        row: 3,
        dispatchId: 'd_1',
        action: 'ship',
        carrier: 'USPS',
        trackingNumber: '9400111899223344556677',
      },
    ]);
    expect(r.refused.map((e) => [e.row, e.code])).toEqual([
      [5, 'REASON_MISSING'],
      [6, 'DUPLICATE_ROW'],
      [7, 'DISPATCH_ID_INVALID'],
      [8, 'TRACKING_NUMBER_INVALID'],
      [9, 'EXPECTED_SHIP_AT_INVALID'],
      [10, 'ROW_COLUMNS_MISMATCH'],
    ]);
  });

  it('refuses a file it cannot read as a whole', () => {
    const code = (s: string | Uint8Array) => {
      const r = parseSupplierAnswers(typeof s === 'string' ? bytes(s) : s, NOW);
      return r.ok ? 'ok' : r.code;
    };
    expect(code('')).toBe('CSV_EMPTY');
    expect(code(`${HEADER}\n`)).toBe('CSV_EMPTY');
    expect(code('dispatch_id,action\nd_1,ack')).toBe('CSV_COLUMNS_MISSING');
    expect(code(`${HEADER},action\nd_1,ack,,,,,`)).toBe('CSV_COLUMNS_DUPLICATE');
    expect(code(new Uint8Array([0xc3, 0x28]))).toBe('CSV_NOT_TEXT');
    expect(code(`${HEADER}\n"d_1,ack`)).toBe('CSV_MALFORMED');
    expect(code(`${HEADER}\n${'d_1,ack,,,,\n'.repeat(5001)}`)).toBe('CSV_TOO_LARGE');
    expect(code(`\ufeff${HEADER.toUpperCase()}\nd_1,ack,,,,`)).toBe('ok');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RoutingNeed, RoutingSupplier } from './candidate.ts';
import { routeOrder } from './decide.ts';

const NOW = Date.parse('2026-11-30T02:00:00Z'); // 10:00 in Shanghai
const H = 3_600_000;

const supplier = (code: string, over: Partial<RoutingSupplier> = {}): RoutingSupplier => ({
  id: `id-${code}`,
  code,
  countries: ['US'],
  carriers: ['USPS'],
  items: { MUG: { stock: 100, unitCostMinor: 300 }, LID: { stock: 100, unitCostMinor: 50 } },
  parcelCostMinor: 500,
  timeZone: 'Asia/Shanghai',
  cutoffMinute: 15 * 60,
  handlingDays: 0,
  dailyCapacity: null,
  dispatchedToday: 0,
  record: { dispatched: 100, ackedInTime: 95, shipped: 100, shippedOnTime: 95, validTracking: 98 },
  ...over,
});

const need = (over: Partial<RoutingNeed> = {}): RoutingNeed => ({
  country: 'US',
  carrier: 'USPS',
  lines: [{ supplierItemCode: 'MUG', quantity: 2 }],
  nowMs: NOW,
  shipByMs: NOW + 48 * H,
  pinned: [],
  excluded: [],
  ...over,
});

const chosen = (d: ReturnType<typeof routeOrder>) =>
  d.kind === 'single' ? d.ranked.map((c) => c.code) : [];

describe('routing (R-RT-1)', () => {
  it('rejects each supplier with every reason that applies, and explains it', () => {
    const d = routeOrder(
      [
        supplier('A'),
        supplier('B', { countries: ['GB'], carriers: ['UPS'] }),
        supplier('C', { parcelCostMinor: null, dailyCapacity: 10, dispatchedToday: 10 }),
        supplier('D', { items: { MUG: { stock: 1, unitCostMinor: 300 } } }),
        supplier('E', { items: {} }),
        supplier('F'),
      ],
      need({ excluded: ['id-F'] }),
    );
    expect(chosen(d)).toEqual(['A']);
    expect(d.rejected).toEqual([
      {
        supplierId: 'id-B',
        code: 'B',
        reasons: ['destination_not_served', 'channel_not_authorized'],
      },
      { supplierId: 'id-C', code: 'C', reasons: ['no_parcel_rate', 'capacity_full'] },
      { supplierId: 'id-D', code: 'D', reasons: ['out_of_stock'] },
      { supplierId: 'id-E', code: 'E', reasons: ['item_not_stocked'] },
      { supplierId: 'id-F', code: 'F', reasons: ['excluded_by_tenant'] },
    ]);
  });

  it('checks stock against the sum of lines of the same item', () => {
    const d = routeOrder(
      [supplier('A', { items: { MUG: { stock: 3, unitCostMinor: 300 } } })],
      need({
        lines: [
          { supplierItemCode: 'MUG', quantity: 2 },
          { supplierItemCode: 'MUG', quantity: 2 },
        ],
      }),
    );
    expect(d.kind).toBe('none');
    expect(d.rejected[0]!.reasons).toEqual(['out_of_stock']);
  });

  it('prefers the lower landed cost (items plus parcel) when all else is equal', () => {
    const d = routeOrder(
      [supplier('A', { parcelCostMinor: 900 }), supplier('B', { parcelCostMinor: 400 })],
      need(),
    );
    expect(chosen(d)).toEqual(['B', 'A']);
    if (d.kind !== 'single') throw new Error(d.kind);
    expect(d.ranked[0]!.landedCostMinor).toBe(2 * 300 + 400);
    expect(d.ranked[0]!.parts.cost).toBe(1);
    expect(d.ranked[1]!.parts.cost).toBe(0.6667); // 1000 / 1500
  });

  it('prefers the earlier ship time, and the better record, at the same cost', () => {
    const faster = routeOrder(
      [supplier('A', { handlingDays: 1 }), supplier('B', { handlingDays: 0 })],
      need(),
    );
    expect(chosen(faster)).toEqual(['B', 'A']);
    const record = {
      dispatched: 100,
      ackedInTime: 60,
      shipped: 100,
      shippedOnTime: 50,
      validTracking: 80,
    };
    const proven = routeOrder([supplier('A', { record }), supplier('B')], need());
    expect(chosen(proven)).toEqual(['B', 'A']);
  });

  it('does not let a newcomer with one good order outrank a proven supplier', () => {
    const lucky = { dispatched: 1, ackedInTime: 1, shipped: 1, shippedOnTime: 1, validTracking: 1 };
    const proven = {
      dispatched: 500,
      ackedInTime: 499,
      shipped: 500,
      shippedOnTime: 498,
      validTracking: 500,
    };
    const d = routeOrder(
      [supplier('A', { record: lucky }), supplier('B', { record: proven })],
      need(),
    );
    expect(chosen(d)).toEqual(['B', 'A']);
  });

  it('puts a supplier that would miss the marketplace deadline after every one that makes it', () => {
    const d = routeOrder(
      [
        supplier('CHEAP_BUT_SLOW', { handlingDays: 5, parcelCostMinor: 1 }),
        supplier('DEAR', { parcelCostMinor: 5000 }),
      ],
      need(),
    );
    if (d.kind !== 'single') throw new Error(d.kind);
    expect(d.ranked.map((c) => [c.code, c.late])).toEqual([
      ['DEAR', false],
      ['CHEAP_BUT_SLOW', true],
    ]);
  });

  it('puts the tenant’s pins first, in the tenant’s order, when they can take the order', () => {
    const d = routeOrder(
      [supplier('A'), supplier('B', { parcelCostMinor: 2000 }), supplier('C', { countries: [] })],
      need({ pinned: ['id-C', 'id-B'] }),
    );
    expect(chosen(d)).toEqual(['B', 'A']);
    expect(d.rejected.map((r) => r.code)).toEqual(['C']);
  });

  it('splits by line groups when no supplier stocks every line', () => {
    const d = routeOrder(
      [
        supplier('MUGS', { items: { MUG: { stock: 9, unitCostMinor: 300 } } }),
        supplier('LIDS', { items: { LID: { stock: 9, unitCostMinor: 50 } } }),
        supplier('LIDS2', { items: { LID: { stock: 9, unitCostMinor: 80 } } }),
      ],
      need({
        lines: [
          { supplierItemCode: 'MUG', quantity: 2 },
          { supplierItemCode: 'LID', quantity: 2 },
        ],
      }),
    );
    if (d.kind !== 'split') throw new Error(d.kind);
    expect(
      d.groups.map((g) => [g.lines.map((l) => l.supplierItemCode), g.ranked.map((c) => c.code)]),
    ).toEqual([
      [['MUG'], ['MUGS']],
      [['LID'], ['LIDS', 'LIDS2']],
    ]);
  });

  it('says which lines nobody can fill', () => {
    const d = routeOrder(
      [supplier('A', { items: { MUG: { stock: 9, unitCostMinor: 300 } } })],
      need({
        lines: [
          { supplierItemCode: 'MUG', quantity: 1 },
          { supplierItemCode: 'RARE', quantity: 1 },
        ],
      }),
    );
    expect(d).toMatchObject({
      kind: 'none',
      unfillable: [{ supplierItemCode: 'RARE', quantity: 1 }],
    });
  });
});

describe('routing properties', () => {
  const arbSupplier = fc.record({
    code: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'),
    countries: fc.subarray(['US', 'GB']),
    carriers: fc.subarray(['USPS', 'UPS']),
    mug: fc.option(fc.record({ stock: fc.nat(5), unitCostMinor: fc.nat(1000) })),
    lid: fc.option(fc.record({ stock: fc.nat(5), unitCostMinor: fc.nat(1000) })),
    parcelCostMinor: fc.option(fc.nat(2000)),
    handlingDays: fc.nat(4),
    cutoffMinute: fc.integer({ min: 0, max: 1439 }),
    dailyCapacity: fc.option(fc.nat(3)),
    dispatchedToday: fc.nat(3),
    acked: fc.nat(10),
  });
  const arbSuppliers = fc
    .uniqueArray(arbSupplier, { selector: (s) => s.code, maxLength: 6 })
    .map((list) =>
      list.map((s) =>
        supplier(s.code, {
          countries: s.countries,
          carriers: s.carriers,
          items: { ...(s.mug && { MUG: s.mug }), ...(s.lid && { LID: s.lid }) },
          parcelCostMinor: s.parcelCostMinor,
          handlingDays: s.handlingDays,
          cutoffMinute: s.cutoffMinute,
          dailyCapacity: s.dailyCapacity,
          dispatchedToday: s.dispatchedToday,
          record: {
            dispatched: 10,
            ackedInTime: s.acked,
            shipped: 10,
            shippedOnTime: 5,
            validTracking: 9,
          },
        }),
      ),
    );
  const arbNeed = fc.record({
    mugs: fc.integer({ min: 1, max: 4 }),
    lids: fc.nat(3),
    pinned: fc.subarray(['id-A', 'id-B', 'id-C']),
    excluded: fc.subarray(['id-D', 'id-E']),
  });
  const toNeed = (n: { mugs: number; lids: number; pinned: string[]; excluded: string[] }) =>
    need({
      lines: [
        { supplierItemCode: 'MUG', quantity: n.mugs },
        ...(n.lids ? [{ supplierItemCode: 'LID', quantity: n.lids }] : []),
      ],
      pinned: n.pinned,
      excluded: n.excluded,
    });

  it('gives the same decision whatever order the suppliers are loaded in', () => {
    fc.assert(
      fc.property(arbSuppliers, arbNeed, fc.nat(), (list, n, seed) => {
        const shuffled = [...list].sort(
          (a, b) =>
            ((a.code.charCodeAt(0) * (seed + 7)) % 13) - ((b.code.charCodeAt(0) * (seed + 7)) % 13),
        );
        expect(routeOrder(shuffled, toNeed(n))).toEqual(routeOrder(list, toNeed(n)));
      }),
    );
  });

  it('accounts for every supplier, and every ranked one can take what it is ranked for', () => {
    fc.assert(
      fc.property(arbSuppliers, arbNeed, (list, n) => {
        const nd = toNeed(n);
        const d = routeOrder(list, nd);
        const byId = new Map(list.map((s) => [s.id, s]));
        const groups =
          d.kind === 'single'
            ? [{ lines: nd.lines, ranked: d.ranked }]
            : d.kind === 'split'
              ? d.groups
              : [];
        for (const g of groups)
          for (const c of g.ranked) {
            const s = byId.get(c.supplierId)!;
            expect(nd.excluded).not.toContain(s.id);
            expect(s.countries).toContain('US');
            expect(s.carriers).toContain('USPS');
            for (const l of g.lines)
              expect(s.items[l.supplierItemCode]!.stock).toBeGreaterThanOrEqual(l.quantity);
          }
        if (d.kind === 'single') {
          const seen = [
            ...d.ranked.map((c) => c.supplierId),
            ...d.rejected.map((r) => r.supplierId),
          ];
          expect(seen.sort()).toEqual(list.map((s) => s.id).sort());
        }
        if (d.kind === 'split') {
          const placed = d.groups.flatMap((g) => g.lines.map((l) => l.supplierItemCode)).sort();
          expect(placed).toEqual(nd.lines.map((l) => l.supplierItemCode).sort());
        }
      }),
    );
  });
});

import { Counter, Gauge, type Registry } from 'prom-client';

/** One fact as the database reports it (see platform_metrics() in @switchyard/db). */
export interface PlatformFact {
  metric: string;
  labelA: string;
  labelB: string;
  value: number;
}

/** R-SLA-*: the promise each breach notification stands for. */
const SLA_RULE_OF: Record<string, string> = {
  supplier_no_ack: 'R-SLA-2',
  shipment_overdue: 'R-SLA-4',
  supplier_not_shipped: 'R-SLA-4',
  first_scan_missing: 'R-SLA-1',
};

type Kind = 'counter' | 'gauge';
interface Definition {
  name: string;
  help: string;
  kind: Kind;
  labels: readonly string[];
  /** The facts of this metric, as label values and a value. */
  pick: (f: PlatformFact) => { labels: Record<string, string>; value: number } | undefined;
}

const when =
  (metric: string, labels: (f: PlatformFact) => Record<string, string> | undefined) =>
  (f: PlatformFact) => {
    if (f.metric !== metric) return undefined;
    const l = labels(f);
    return l && { labels: l, value: f.value };
  };
const eventOf = (kinds: string[], label: string) =>
  when('order_events', (f) => (kinds.includes(f.labelA) ? { [label]: f.labelA } : undefined));

/**
 * Metrics that are facts of the database, counted at scrape time rather than incremented in
 * the processes that did the work: every replica reports the same platform-wide value, so a
 * dashboard takes max(), never sum(), across instances.
 */
export const PLATFORM_METRICS: readonly Definition[] = [
  {
    name: 'switchyard_orders',
    help: 'Orders by current status',
    kind: 'gauge',
    labels: ['status'],
    pick: when('orders', (f) => ({ status: f.labelA })),
  },
  {
    name: 'switchyard_order_outcomes_total',
    help: 'Orders that reached an outcome: completed, cancelled, no_supplier (failed)',
    kind: 'counter',
    labels: ['outcome'],
    pick: eventOf(['completed', 'cancelled', 'no_supplier'], 'outcome'),
  },
  {
    name: 'switchyard_orders_held',
    help: 'Orders the checks hold now, by hold code (an order with two holds counts under each)',
    kind: 'gauge',
    labels: ['code'],
    pick: when('held_orders', (f) => ({ code: f.labelA })),
  },
  {
    name: 'switchyard_order_holds_total',
    help: 'Times an order was held by its checks (R-CHK-*)',
    kind: 'counter',
    labels: [],
    pick: when('order_events', (f) => (f.labelA === 'held' ? {} : undefined)),
  },
  {
    name: 'switchyard_order_hold_codes_total',
    help: 'Holds by code: each time the checks held an order, once per code it was held for (R-CHK-*)',
    kind: 'counter',
    labels: ['code'],
    pick: when('hold_codes', (f) => ({ code: f.labelA })),
  },
  {
    name: 'switchyard_sla_breaches_total',
    help: 'Supplier SLA breaches by rule: no ack (R-SLA-2), overdue tracking (R-SLA-4), no first scan (R-SLA-1)',
    kind: 'counter',
    labels: ['rule', 'kind'],
    pick: when('notifications', (f) =>
      SLA_RULE_OF[f.labelA] ? { rule: SLA_RULE_OF[f.labelA]!, kind: f.labelA } : undefined,
    ),
  },
  {
    name: 'switchyard_reroutes_total',
    help: "Dispatches after an order's (or line group's) first: re-routed to another supplier (R-SLA-2, R-SLA-4)",
    kind: 'counter',
    labels: [],
    pick: when('re_routes', () => ({})),
  },
  {
    name: 'switchyard_shipment_escalations_total',
    help: 'Orders re-routed because the supplier never shipped (R-SLA-4)',
    kind: 'counter',
    labels: [],
    pick: when('order_events', (f) => (f.labelA === 'shipment_escalated' ? {} : undefined)),
  },
  {
    name: 'switchyard_supplier_delivery_failures_total',
    help: "Dispatch deliveries a supplier's endpoint failed or refused (R-RT-2), by supplier code",
    kind: 'counter',
    labels: ['supplier'],
    pick: when('supplier_delivery_failures', (f) => ({ supplier: f.labelA })),
  },
  {
    name: 'switchyard_pushback_refusals_total',
    help: 'Tracking numbers not pushed back: refused by our checks or the marketplace (R-TRK-1)',
    kind: 'counter',
    labels: ['kind'],
    pick: eventOf(['tracking_rejected', 'tracking_refused'], 'kind'),
  },
  {
    name: 'switchyard_suppliers_paused',
    help: 'Supplier endpoints paused after failing deliveries (R-RT-2)',
    kind: 'gauge',
    labels: [],
    pick: when('suppliers_paused', () => ({})),
  },
  {
    name: 'switchyard_ledger_amount_minor',
    help: 'Ledger total in minor units by kind and currency (R-BIL-3); credits are negative',
    kind: 'gauge',
    labels: ['kind', 'currency'],
    pick: when('ledger_minor', (f) => ({ kind: f.labelA, currency: f.labelB })),
  },
  {
    name: 'switchyard_ledger_entries_total',
    help: 'Ledger entries by kind and currency (R-BIL-3)',
    kind: 'counter',
    labels: ['kind', 'currency'],
    pick: when('ledger_entries', (f) => ({ kind: f.labelA, currency: f.labelB })),
  },
  {
    name: 'switchyard_webhook_inbox_unrouted',
    help: 'Stored marketplace notifications not yet handed on (parked ones apart)',
    kind: 'gauge',
    labels: [],
    pick: when('inbox_unrouted', () => ({})),
  },
  {
    name: 'switchyard_webhook_inbox_parked',
    help: 'Notifications parked after failing to route',
    kind: 'gauge',
    labels: [],
    pick: when('inbox_parked', () => ({})),
  },
  {
    name: 'switchyard_webhook_inbox_lag_seconds',
    help: 'Age of the oldest notification not yet handed on; 0 when none waits',
    kind: 'gauge',
    labels: [],
    pick: when('inbox_oldest_unrouted_s', () => ({})),
  },
];

export const PLATFORM_UP = 'switchyard_platform_facts_up';

/**
 * Registers the platform metrics on `registry`, read from `read` at most once per `cacheMs`
 * however many metrics and scrapers ask. A failed read keeps the last values and sets
 * switchyard_platform_facts_up to 0, so a database outage shows without failing the scrape.
 */
export function registerPlatformFacts(
  registry: Registry,
  read: () => Promise<PlatformFact[]>,
  opts: { cacheMs?: number; now?: () => number } = {},
): void {
  const cacheMs = opts.cacheMs ?? 10_000;
  const now = opts.now ?? Date.now;
  let cached: { at: number; facts: Promise<PlatformFact[]> } | undefined;
  let last: PlatformFact[] = [];
  let up = 0;
  const facts = async () => {
    if (!cached || now() - cached.at >= cacheMs) {
      const at = now();
      cached = {
        at,
        facts: read().then(
          (f) => {
            last = f;
            up = 1;
            return f;
          },
          () => {
            up = 0;
            cached = undefined; // the next scrape tries again
            return last;
          },
        ),
      };
    }
    return cached.facts;
  };

  new Gauge({
    name: PLATFORM_UP,
    help: 'Whether the last read of the platform facts from PostgreSQL succeeded',
    registers: [registry],
    async collect() {
      await facts();
      this.set(up);
    },
  });
  for (const def of PLATFORM_METRICS) {
    const fill = async (metric: Counter<string> | Gauge<string>) => {
      const all = await facts();
      metric.reset();
      for (const f of all) {
        const p = def.pick(f);
        if (p) metric.inc(p.labels, p.value);
      }
    };
    const common = {
      name: def.name,
      help: def.help,
      labelNames: def.labels,
      registers: [registry],
    };
    if (def.kind === 'counter')
      new Counter({
        ...common,
        async collect() {
          await fill(this);
        },
      });
    else
      new Gauge({
        ...common,
        async collect() {
          await fill(this);
        },
      });
  }
}

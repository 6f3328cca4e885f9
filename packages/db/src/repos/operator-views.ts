import { sql } from 'kysely';
import type { Db } from '../client.ts';
import { keysetPage, type Page, type PageRequest } from '../keyset.ts';
import { SCORECARD_DAYS } from './routing-data.ts';

/**
 * Operators' views across tenants (issue 12, operator pages), through the SECURITY DEFINER
 * functions of migration `actor_sessions`: ids, names, counts and deadlines, no buyer data.
 */

export interface OperatorTenantRow {
  id: string;
  name: string;
  created_at: Date;
  shops: string;
  open_orders: string;
}

/** Every tenant by keyset pages, oldest first (migration `operator_tenant_pages`). */
export function pageOperatorTenants(db: Db, page: PageRequest): Promise<Page<OperatorTenantRow>> {
  return keysetPage(
    ['timestamptz', 'uuid'],
    page,
    async (after, limit) => {
      const { rows } = await sql<OperatorTenantRow & { created_at_key: string }>`
        select * from operator_tenants_page(
          ${after?.[0] ?? null}::timestamptz, ${after?.[1] ?? null}::uuid, ${limit})`.execute(db);
      return rows;
    },
    (row) => [row.created_at_key, row.id],
  );
}

/** Open orders across tenants whose marketplace deadline (R-SLA-1) is within `horizonMs` or past. */
export async function listSlaBoard(db: Db, v: { horizonMs: number; limit: number }) {
  const { rows } = await sql<{
    tenant_id: string;
    tenant_name: string;
    order_id: string;
    platform_order_id: string;
    status: string;
    ship_by: Date;
  }>`select * from operator_sla_board(${`${v.horizonMs} milliseconds`}::interval, ${v.limit})`.execute(
    db,
  );
  return rows;
}

export async function listMonthCloses(db: Db, limit: number) {
  const { rows } = await sql<{
    tenant_id: string;
    tenant_name: string;
    period: string;
    currency: string;
    status: string;
    ledger_total_minor: string;
    stripe_total_minor: string | null;
    hosted_invoice_url: string | null;
    updated_at: Date;
  }>`select * from operator_month_closes(${limit})`.execute(db);
  return rows;
}

/**
 * Every supplier with its scorecard over the routing window (SCORECARD_DAYS): the running
 * totals on `supplier_days` at its latest day minus those before the window, so one read per
 * supplier whatever its history (R-RT-1 record).
 */
/** Every supplier's scorecard by keyset pages in code order (codes are unique). */
export function pageSupplierScorecards(db: Db, page: PageRequest) {
  return keysetPage(
    ['text'],
    page,
    (after, limit) => supplierScorecards(db, after?.[0], limit),
    (r) => [r.code],
  );
}

async function supplierScorecards(db: Db, afterCode: string | undefined, limit: number) {
  const { rows } = await sql<{
    id: string;
    code: string;
    name: string;
    active: boolean;
    paused_at: Date | null;
    connector: string;
    dispatched: string;
    acked_in_time: string;
    shipped: string;
    shipped_on_time: string;
    valid_tracking: string;
  }>`
    select s.id, s.code, s.name, s.active, s.paused_at, s.connector,
      coalesce(l.total_dispatched, 0) - coalesce(b.total_dispatched, 0) as dispatched,
      coalesce(l.total_acked_in_time, 0) - coalesce(b.total_acked_in_time, 0) as acked_in_time,
      coalesce(l.total_shipped, 0) - coalesce(b.total_shipped, 0) as shipped,
      coalesce(l.total_shipped_on_time, 0) - coalesce(b.total_shipped_on_time, 0) as shipped_on_time,
      coalesce(l.total_valid_tracking, 0) - coalesce(b.total_valid_tracking, 0) as valid_tracking
    from suppliers s
    left join lateral (
      select * from supplier_days d where d.supplier_id = s.id order by d.day desc limit 1
    ) l on true
    left join lateral (
      select * from supplier_days d where d.supplier_id = s.id
        and d.day < current_date - ${SCORECARD_DAYS}::int
      order by d.day desc limit 1
    ) b on true
    where ${afterCode ?? null}::text is null or s.code > ${afterCode ?? null}::text
    order by s.code limit ${limit}`.execute(db);
  return rows;
}

import { type Kysely, sql } from 'kysely';
import { CURRENT_SUPPLIER, CURRENT_TENANT } from './rls.ts';

/**
 * R-RT-1 with R-CHK-3: a TikTok Shipping order split across suppliers ships one package per line
 * group, each on its own label. `line_group` names the group a label is for (its index in the
 * routing decision, as `dispatches.line_group`); null is a label for the whole order, as every
 * label was before. One label per order and group; a package is one label.
 *
 * A supplier reads a group's label only through a dispatch of that group addressed to it and
 * not taken back; a whole-order label, through any of the order's dispatches addressed to it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table order_labels
      add column line_group int check (line_group >= 0),
      drop constraint order_labels_pkey,
      add primary key (tenant_id, package_id);
    create unique index order_labels_one_per_group
      on order_labels (tenant_id, order_id, (coalesce(line_group, -1)));
    drop policy order_labels_isolation on order_labels;
  `.execute(db);
  const predicate = `tenant_id = ${CURRENT_TENANT} or exists (select 1 from dispatches d where d.order_id = order_labels.order_id and d.supplier_id = ${CURRENT_SUPPLIER} and d.status not in ('withdrawn', 'rejected') and (order_labels.line_group is null or d.line_group = order_labels.line_group))`;
  await sql
    .raw(
      `create policy order_labels_isolation on order_labels using (${predicate}) with check (${predicate})`,
    )
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}

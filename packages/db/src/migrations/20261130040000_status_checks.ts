import { type Kysely, sql } from 'kysely';

/**
 * The statuses and kinds that were still free text get the CHECK constraints that shop status
 * and mode, order source, dispatch status and ledger kind had from the start, so a value outside
 * its set in @switchyard/domain fails to insert whoever writes it.
 *
 * CHECK rather than enum types: a later migration widens a set by replacing one constraint in
 * the same transaction as the rest of its change, whereas a value added to an enum cannot be used
 * before its transaction commits and a value can never be removed from one.
 *
 * The lists are written out rather than imported from @switchyard/domain because a migration is
 * frozen once landed: one that read the live arrays would build a different constraint on a
 * fresh database than the one production ran. Changing a set therefore takes a new migration,
 * and status-checks.integration.test.ts fails until the database agrees with the domain again.
 */
const CHECKS: ReadonlyArray<{ table: string; column: string; values: readonly string[] }> = [
  {
    table: 'orders',
    column: 'status',
    values: [
      'received',
      'on_hold',
      'dispatched',
      'acknowledged',
      'partially_shipped',
      'shipped',
      'completed',
      'cancelled',
      'failed',
    ],
  },
  {
    table: 'order_events',
    column: 'kind',
    values: [
      'received',
      'address_cleaned',
      'held',
      'address_corrected',
      'hold_released',
      'dispatched',
      'dispatch_refused',
      'acknowledged',
      'dispatch_withdrawn',
      'supplier_reminded',
      'shipment_escalated',
      'tracking_refused',
      'tracking_rejected',
      'tracking_pushed',
      'tracking_ready_for_export',
      'charged',
      'completed',
      'cancelled',
      'no_supplier',
    ],
  },
  {
    table: 'notifications',
    column: 'kind',
    values: [
      'shop_deauthorized',
      'authorization_expiring',
      'shop_needs_reauth',
      'strike_warning',
      'supplier_no_ack',
      'shipment_overdue',
      'supplier_not_shipped',
    ],
  },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const { table, column, values } of CHECKS) {
    // Named as PostgreSQL names the inline checks of the earlier migrations.
    const list = values.map((v) => `'${v}'`).join(', ');
    await sql
      .raw(
        `alter table ${table} add constraint ${table}_${column}_check check (${column} in (${list}))`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { table, column } of CHECKS)
    await sql.raw(`alter table ${table} drop constraint ${table}_${column}_check`).execute(db);
}

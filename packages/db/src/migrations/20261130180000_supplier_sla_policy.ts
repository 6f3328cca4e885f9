import { type Kysely, sql } from 'kysely';

/**
 * R-SLA-2, R-SLA-4 as data: the clocks a supplier's contract holds it to (acknowledgement
 * window, reminder and escalation delays), set by operators; keys it leaves out keep the
 * platform's defaults (resolvePolicy). A dispatch keeps the acknowledgement deadline it was
 * given, so a push, a pull and a batch file all name the same one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table suppliers add column sla_policy jsonb not null default '{}'::jsonb
      check (jsonb_typeof(sla_policy) = 'object');
    alter table dispatches add column ack_due_at timestamptz;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}

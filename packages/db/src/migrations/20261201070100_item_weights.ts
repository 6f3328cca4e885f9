import { type Kysely, sql } from 'kysely';

/**
 * A catalog item's weight, per unit, as its supplier reports it in the stock and cost feed
 * (`weight_grams`). The TikTok Shipping parcel (R-CHK-3) is declared with the order's real
 * weight when every item has one; otherwise with the documented default parcel. Null: unknown.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table supplier_items
      add column weight_grams int check (weight_grams between 1 and 100000);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}

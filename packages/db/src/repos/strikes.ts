import { sql } from 'kysely';
import type { Trx } from '../client.ts';

/**
 * R-PEN-1: the marketplace freezes a shop after three invalid push-backs in a row. Returns the
 * counts after recording a refused push-back.
 */
export async function recordStrike(trx: Trx, shopId: string) {
  return trx
    .updateTable('shops')
    .set({
      consecutive_strikes: sql`consecutive_strikes + 1`,
      total_strikes: sql`total_strikes + 1`,
    })
    .where('id', '=', shopId)
    .returning(['consecutive_strikes', 'total_strikes'])
    .executeTakeFirstOrThrow();
}

/** An accepted push-back ends the run of strikes. */
export async function clearConsecutiveStrikes(trx: Trx, shopId: string) {
  await trx
    .updateTable('shops')
    .set({ consecutive_strikes: 0 })
    .where('id', '=', shopId)
    .where('consecutive_strikes', '>', 0)
    .execute();
}

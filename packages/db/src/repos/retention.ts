import { sql } from 'kysely';
import type { Db } from '../client.ts';

/**
 * Erases buyer PII of finished orders last touched before `before`, at most `limit` orders;
 * returns how many were erased (R-ONB-3). Cross-tenant, through a SECURITY DEFINER function.
 */
export async function purgeBuyerData(db: Db, before: Date, limit: number): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`select purge_buyer_data(${before}, ${limit}) as n`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

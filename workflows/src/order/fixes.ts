import { randomUUID } from 'node:crypto';
import { encrypt, type Keyring } from '@switchyard/auth';
import {
  appendOrderEvent,
  type Db,
  listHeldOrderWorkflowIds,
  lockOrderForFix,
  type SkuMappingInput,
  setRecipientOverride,
  upsertSkuMapping,
  withTenant,
} from '@switchyard/db';
import { pickRecipient, type Recipient } from '@switchyard/domain';
import type { Client } from '@temporalio/client';
import { signalRecheck } from './client.ts';

/** Why a tenant's fix was refused, as a stable code each edge maps to its own errors. */
export type OrderFixErrorCode =
  /** No order with this id for the tenant (another tenant's order is not found either). */
  | 'ORDER_NOT_FOUND'
  /** The checks do not hold the order (any more), so a fix cannot change what happens to it. */
  | 'ORDER_NOT_HELD';

export class OrderFixError extends Error {
  override readonly name = 'OrderFixError';

  constructor(
    readonly code: OrderFixErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** What the tenant's fixes need; every read and write runs under the tenant's RLS scope. */
export interface OrderFixDeps {
  db: Db;
  keyring: Keyring;
  temporal: Client;
}

/**
 * The tenant corrects the address of a held order (R-CHK-2): stored encrypted, it wins over
 * the marketplace's address, and the checks run again. Only while the checks hold the order:
 * after that the supplier already has (or is about to get) the address. The order stays
 * locked from the check to the commit, so the workflow cannot move it in between.
 */
export async function correctOrderAddress(
  deps: OrderFixDeps,
  tenantId: string,
  input: { orderId: string; recipient: Recipient },
): Promise<void> {
  // Exactly the recipient's fields: nothing else a caller passes along is stored.
  const recipient = pickRecipient(input.recipient);
  const workflowId = await withTenant(deps.db, tenantId, async (trx) => {
    const order = await lockOrderForFix(trx, input.orderId);
    if (!order) throw new OrderFixError('ORDER_NOT_FOUND', 'order not found');
    if (!order.held)
      throw new OrderFixError(
        'ORDER_NOT_HELD',
        `order is ${order.status} and not held by a check; only a held order's address can be corrected`,
      );
    await setRecipientOverride(trx, order.id, encrypt(deps.keyring, JSON.stringify(recipient)));
    // Which fields, never their values: the timeline carries no buyer data (R-ONB-3).
    await appendOrderEvent(trx, {
      tenantId,
      orderId: order.id,
      kind: 'address_corrected',
      dedupeKey: `address_corrected:${randomUUID()}`,
      detail: { by: 'tenant' },
    });
    return order.workflowId;
  });
  await signalRecheck(deps.temporal, [workflowId]);
}

/** Runs the checks of a held order again, e.g. after the buyer fixed the address. */
export async function recheckOrder(
  deps: Pick<OrderFixDeps, 'db' | 'temporal'>,
  tenantId: string,
  orderId: string,
): Promise<void> {
  const order = await withTenant(deps.db, tenantId, (trx) => lockOrderForFix(trx, orderId));
  if (!order) throw new OrderFixError('ORDER_NOT_FOUND', 'order not found');
  if (!order.held)
    throw new OrderFixError('ORDER_NOT_HELD', `order is ${order.status} and not held by a check`);
  await signalRecheck(deps.temporal, [order.workflowId]);
}

/**
 * Adds or changes a row of the tenant's SKU mapping table (R-CHK-1), then re-runs the checks
 * of every held order: a new mapping may be exactly what one of them waits for. Returns the
 * mapping's id and how many held orders were asked to re-check.
 */
export async function saveSkuMapping(
  deps: Pick<OrderFixDeps, 'db' | 'temporal'>,
  tenantId: string,
  mapping: Omit<SkuMappingInput, 'tenantId'>,
): Promise<{ id: string; rechecked: number }> {
  const { id, held } = await withTenant(deps.db, tenantId, async (trx) => ({
    id: await upsertSkuMapping(trx, { ...mapping, tenantId }),
    held: await listHeldOrderWorkflowIds(trx),
  }));
  // After the commit, or a re-check could still read the table without the new row.
  const rechecked = await signalRecheck(deps.temporal, held);
  return { id, rechecked };
}

import { type Dispatch, getDispatchStanding, withTenant } from '@switchyard/db';
import { decidePartnerMessage } from '@switchyard/domain';
import { recordAcknowledgement } from './acknowledge.ts';
import { supplierAckedSignal } from './messages.ts';
import { type SupplierMessageDeps, SupplierMessageError, wake } from './supplier-delivery.ts';

/**
 * What the dispatch's row says to an acknowledgement that did not take here (another request
 * or the deadline got to the row first) or that the workflow refused as a repeat (it has
 * finished, or moved on): `acknowledged` or `shipped` answers it as a repeat while the
 * dispatch is its order's latest; anything else refuses it.
 */
async function settle(deps: SupplierMessageDeps, d: Dispatch) {
  const row = await withTenant(deps.db, d.tenant_id, (trx) => getDispatchStanding(trx, d.id));
  const closed = () =>
    new SupplierMessageError('DISPATCH_CLOSED', `order of dispatch ${d.id} is closed`);
  const notCurrent = () =>
    new SupplierMessageError(
      'DISPATCH_NOT_CURRENT',
      'this dispatch is no longer current for the order',
    );
  if (!row) throw closed();
  const decision = decidePartnerMessage(
    { status: row.status, trackingNumber: null },
    { kind: 'ack' },
  );
  if (decision === 'deliver') {
    // Still `sent`, yet not taken: the order has ended or moved on, or a write to the row that
    // raced this one was rolled back and nothing happened yet.
    if (!row.orderOpen) throw closed();
    if (!row.latest) throw notCurrent();
    throw new SupplierMessageError(
      'NOT_TAKEN_IN_TIME',
      'the platform could not take the message in time; retry with the same body',
    );
  }
  if ('refuse' in decision) throw new SupplierMessageError('DISPATCH_CLOSED', decision.refuse);
  if (!row.latest) throw notCurrent();
  return decision.repeat;
}

/**
 * R-SLA-2: a supplier acknowledges its dispatch, as the caller loaded it. The dispatch's state
 * decides first (decidePartnerMessage): one that is shipped answers as a repeat, one withdrawn
 * or rejected refuses it.
 *
 * The acknowledgement is written first, in one transaction in the tenant's scope (the dispatch,
 * the order's status, its timeline), and only a dispatch its order still waits on takes it;
 * then the order's workflow is woken by a signal, which waits for no worker. A dispatch that
 * already reads acknowledged (the supplier retries after NOT_TAKEN_IN_TIME, or the process died
 * between the commit and the signal) wakes the workflow again, whose handler takes the first:
 * a wake-up that was lost cannot leave the workflow waiting while the database says
 * acknowledged. When the workflow has finished, the row answers. At the deadline the workflow withdraws only a dispatch still `sent`, so the row
 * decides which came first, the acknowledgement or the deadline.
 */
export async function acknowledgeDispatch(
  deps: SupplierMessageDeps,
  d: Dispatch,
  ack: { expectedShipAt?: string | undefined; channel?: string | undefined },
) {
  const decision = decidePartnerMessage(
    { status: d.status, trackingNumber: null },
    { kind: 'ack' },
  );
  if (decision !== 'deliver' && 'refuse' in decision)
    throw new SupplierMessageError('DISPATCH_CLOSED', decision.refuse);
  const recorded =
    d.status === 'sent' &&
    (await withTenant(deps.db, d.tenant_id, (trx) =>
      recordAcknowledgement(trx, {
        tenantId: d.tenant_id,
        orderId: d.order_id,
        dispatchId: d.id,
        expectedShipAt: ack.expectedShipAt,
        channel: ack.channel,
      }),
    ));
  // Not recorded: another request, or the deadline, got to the row first; the row says where
  // the dispatch is now.
  const status = d.status === 'sent' && !recorded ? await settle(deps, d) : d.status;
  if (status === 'shipped') return { repeat: status };
  try {
    await wake(deps, d, supplierAckedSignal, [
      { dispatchId: d.id, expectedShipAt: ack.expectedShipAt, channel: ack.channel },
    ]);
  } catch (err) {
    // The workflow has finished. For an acknowledgement this request recorded that is the
    // answer; a repeat's answer is the row's.
    if (recorded || !(err instanceof SupplierMessageError) || err.code === 'NOT_TAKEN_IN_TIME')
      throw err;
    return { repeat: await settle(deps, d) };
  }
  return recorded ? { delivered: true as const } : { repeat: 'acknowledged' as const };
}

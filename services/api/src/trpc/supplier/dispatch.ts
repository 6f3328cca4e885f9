import { type Dispatch, getDispatch, withSupplier } from '@switchyard/db';
import { z } from 'zod';
import type { ApiDeps } from '../../deps.ts';
import { AppError } from '../../errors.ts';

/**
 * A dispatch id as input. Ids we issue are `d_` + hex; the schema only bounds the text, and
 * anything else is simply not found (loadSupplierDispatch), exactly like another supplier's.
 */
export const dispatchIdInput = z.string().min(1).max(200);

const DISPATCH_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * One of the supplier's own dispatches, read in its scope (row-level security by supplier), as
 * the partner API loads it; another supplier's id answers DISPATCH_NOT_FOUND like an unknown one.
 */
export async function loadSupplierDispatch(
  deps: ApiDeps,
  supplierId: string,
  id: string,
): Promise<Dispatch> {
  const d = DISPATCH_ID.test(id)
    ? await withSupplier(deps.db, supplierId, (trx) => getDispatch(trx, id))
    : undefined;
  if (!d) throw new AppError('DISPATCH_NOT_FOUND', 'dispatch not found');
  return d;
}

/** What a message about a dispatch answers: `done` when it changed, else the repeated status. */
export const messageOutput = z.object({ status: z.string(), repeat: z.boolean() });

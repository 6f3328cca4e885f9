import { initTRPC, TRPCError } from '@trpc/server';
import { AppError } from '../errors.ts';
import { toAppError } from '../operation-errors.ts';
import { assertStorableText } from '../storable-input.ts';
import type { TrpcContext } from './context.ts';

const t = initTRPC.context<TrpcContext>().create({
  errorFormatter({ shape, error, ctx }) {
    const app = error.cause instanceof AppError ? error.cause : undefined;
    // An unexpected failure's message is internal (SQL errors name columns and types): log it,
    // answer a generic one, as the Hono edge does.
    const internal = error.code === 'INTERNAL_SERVER_ERROR' && !app;
    if (internal) ctx?.deps.log.error({ err: error }, 'unhandled tRPC error');
    return {
      ...shape,
      message: internal ? 'internal error' : shape.message,
      data: {
        ...shape.data,
        appCode: app?.code ?? null,
        details: app?.details ?? null,
        stack: undefined,
      },
    };
  },
});

/**
 * Turns AppError (and the operations' refusals, as AppError) into the matching tRPC error, so
 * procedures just throw AppError or let an operation's refusal through.
 */
const appErrors = t.middleware(async ({ next }) => {
  const res = await next();
  const cause = res.ok ? undefined : toAppError(res.error.cause);
  if (cause instanceof AppError) {
    throw new TRPCError({ code: cause.trpcCode, message: cause.message, cause });
  }
  return res;
});

/** Every procedure's input, before its own schema: no text PostgreSQL cannot store. */
const storableText = t.middleware(async ({ getRawInput, next }) => {
  assertStorableText(await getRawInput());
  return next();
});

export const router = t.router;
export const publicProcedure = t.procedure.use(appErrors).use(storableText);

/** Narrows the context to one tenant; every repository call below runs under its RLS scope. */
export const tenantProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.tenantId)
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'a tenant API token is required' });
  return next({ ctx: { ...ctx, tenantId: ctx.tenantId } });
});

/** Operators act across tenants (parked inbox entries); only an operator token gets in. */
export const operatorProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.operatorId)
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'an operator token is required' });
  return next({ ctx: { ...ctx, operatorId: ctx.operatorId } });
});

/**
 * A supplier signed in to the portal (issue 12): every repository call below runs in that
 * supplier's scope (`withSupplier`), as the partner API's do.
 */
export const supplierProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.supplierId)
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'a supplier session is required' });
  return next({ ctx: { ...ctx, supplierId: ctx.supplierId } });
});

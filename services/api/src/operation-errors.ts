import { BillingError, type BillingErrorCode } from '@switchyard/billing/operations';
import { InvalidCursorError } from '@switchyard/db';
import { CsvFileError, type CsvFileErrorCode } from '@switchyard/domain/csv';
import { OnboardingError, type OnboardingErrorCode } from '@switchyard/onboarding';
import {
  OrderFixError,
  type OrderFixErrorCode,
  RedeliveryError,
  type RedeliveryErrorCode,
  SupplierFileBusyError,
  SupplierMessageError,
  type SupplierMessageErrorCode,
} from '@switchyard/workflows';
import { AppError, type AppErrorCode } from './errors.ts';

const ONBOARDING: Record<OnboardingErrorCode, AppErrorCode> = {
  OAUTH_CODE_INVALID: 'OAUTH_CODE_INVALID',
  MARKETPLACE_UNAVAILABLE: 'MARKETPLACE_UNAVAILABLE',
  SHOP_BOUND_ELSEWHERE: 'SHOP_BOUND_ELSEWHERE',
  SHOP_ALREADY_EXISTS: 'SHOP_ALREADY_EXISTS',
  CONNECTOR_INVALID: 'CONNECTOR_INVALID',
  SUPPLIER_NOT_FOUND: 'NOT_FOUND',
};

// An unknown tenant or order, or another tenant's, answers as one that does not exist.
const BILLING: Record<BillingErrorCode, AppErrorCode> = {
  TENANT_NOT_FOUND: 'NOT_FOUND',
  ORDER_NOT_FOUND: 'NOT_FOUND',
  PLAN_INVALID: 'PLAN_INVALID',
  PLAN_RETROACTIVE: 'PLAN_RETROACTIVE',
  PLAN_IN_EFFECT: 'PLAN_IN_EFFECT',
  ADJUSTMENT_INVALID: 'ADJUSTMENT_INVALID',
  ADJUSTMENT_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
};

const ORDER_FIX: Record<OrderFixErrorCode, AppErrorCode> = {
  ORDER_NOT_FOUND: 'NOT_FOUND',
  ORDER_NOT_HELD: 'BAD_REQUEST',
};

const SUPPLIER_MESSAGE: Record<SupplierMessageErrorCode, AppErrorCode> = {
  DISPATCH_CLOSED: 'DISPATCH_CLOSED',
  DISPATCH_NOT_CURRENT: 'DISPATCH_NOT_CURRENT',
  TRACKING_INVALID: 'TRACKING_INVALID',
  CARRIER_UNKNOWN: 'CARRIER_UNKNOWN',
  TRACKING_NOT_LABEL: 'TRACKING_NOT_LABEL',
  TRACKING_REQUIRED: 'TRACKING_REQUIRED',
  // A 503 with Retry-After: the supplier retries the same body, deduplicated by update id.
  NOT_TAKEN_IN_TIME: 'TRY_AGAIN_LATER',
};

const REDELIVERY: Record<RedeliveryErrorCode, AppErrorCode> = {
  DISPATCH_NOT_FOUND: 'NOT_FOUND',
  DISPATCH_NOT_DELIVERABLE: 'DISPATCH_NOT_DELIVERABLE',
};

// Each file-level problem keeps its own code: the seller's tooling tells them apart.
const CSV_FILE: Record<CsvFileErrorCode, AppErrorCode> = {
  CSV_EMPTY: 'CSV_EMPTY',
  CSV_NOT_TEXT: 'CSV_NOT_TEXT',
  CSV_COLUMNS_MISSING: 'CSV_COLUMNS_MISSING',
  CSV_COLUMNS_DUPLICATE: 'CSV_COLUMNS_DUPLICATE',
  CSV_MALFORMED: 'CSV_MALFORMED',
  CSV_TOO_LARGE: 'CSV_TOO_LARGE',
};

/**
 * The refusals of the packages' operations become the api's own errors here, and only here,
 * so handlers just call an operation and both edges (Hono, tRPC) answer with the same code.
 * Anything else is returned unchanged.
 */
export function toAppError(err: unknown): unknown {
  if (err instanceof OnboardingError) return new AppError(ONBOARDING[err.code], err.message);
  if (err instanceof BillingError) return new AppError(BILLING[err.code], err.message, err.details);
  if (err instanceof OrderFixError) return new AppError(ORDER_FIX[err.code], err.message);
  if (err instanceof RedeliveryError) return new AppError(REDELIVERY[err.code], err.message);
  if (err instanceof SupplierMessageError)
    return new AppError(SUPPLIER_MESSAGE[err.code], err.message, err.details);
  if (err instanceof SupplierFileBusyError) return new AppError('FILE_IN_PROGRESS', err.message);
  if (err instanceof CsvFileError)
    return new AppError(CSV_FILE[err.code], err.message, err.details);
  if (err instanceof InvalidCursorError) return new AppError('CURSOR_INVALID', err.message);
  return err;
}

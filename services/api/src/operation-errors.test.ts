import { InvalidCursorError } from '@switchyard/db';
import { CsvFileError } from '@switchyard/domain/csv';
import { OnboardingError } from '@switchyard/onboarding';
import { OrderFixError, SupplierMessageError } from '@switchyard/workflows';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { toAppError } from './operation-errors.ts';

const answer = (err: unknown) => {
  const e = toAppError(err);
  expect(e).toBeInstanceOf(AppError);
  const app = e as AppError;
  return { status: app.httpStatus, trpc: app.trpcCode, ...app.toJSON().error };
};

/** Each operation's refusal answers as the handlers answered before the operation moved out. */
describe('toAppError', () => {
  it("maps a refused order fix to the tRPC procedures' codes", () => {
    expect(answer(new OrderFixError('ORDER_NOT_FOUND', 'order not found'))).toEqual({
      status: 404,
      trpc: 'NOT_FOUND',
      code: 'NOT_FOUND',
      message: 'order not found',
    });
    expect(answer(new OrderFixError('ORDER_NOT_HELD', 'order is completed'))).toEqual({
      status: 400,
      trpc: 'BAD_REQUEST',
      code: 'BAD_REQUEST',
      message: 'order is completed',
    });
  });

  it('keeps the code, message and details of a file-level CSV error', () => {
    const details = { missing: ['Order ID'] };
    expect(answer(new CsvFileError('CSV_COLUMNS_MISSING', 'no Order ID column', details))).toEqual({
      status: 422,
      trpc: 'UNPROCESSABLE_CONTENT',
      code: 'CSV_COLUMNS_MISSING',
      message: 'no Order ID column',
      details,
    });
    expect(answer(new CsvFileError('CSV_TOO_LARGE', 'split it', { maxRows: 10 }))).toMatchObject({
      status: 413,
      code: 'CSV_TOO_LARGE',
    });
  });

  it("maps a refused supplier message to the partner API's codes, a late one to a retry", () => {
    const matches = ['USPS'];
    expect(
      answer(new SupplierMessageError('TRACKING_INVALID', 'bad digit', { status: 'x', matches })),
    ).toEqual({
      status: 422,
      trpc: 'UNPROCESSABLE_CONTENT',
      code: 'TRACKING_INVALID',
      message: 'bad digit',
      details: { status: 'x', matches },
    });
    expect(answer(new SupplierMessageError('DISPATCH_NOT_CURRENT', 'moved on'))).toMatchObject({
      status: 409,
      code: 'DISPATCH_NOT_CURRENT',
    });
    const late = toAppError(new SupplierMessageError('NOT_TAKEN_IN_TIME', 'retry')) as AppError;
    expect([late.code, late.httpStatus, late.retryAfterS]).toEqual(['TRY_AGAIN_LATER', 503, 5]);
  });

  it('maps the other operations and leaves anything else alone', () => {
    expect(answer(new OnboardingError('SHOP_BOUND_ELSEWHERE', 'taken'))).toMatchObject({
      status: 409,
      code: 'SHOP_BOUND_ELSEWHERE',
    });
    expect(answer(new InvalidCursorError())).toMatchObject({ status: 400, code: 'CURSOR_INVALID' });
    const other = new Error('boom');
    expect(toAppError(other)).toBe(other);
  });
});

import { isStorableText } from '@switchyard/domain';
import { MAX_ANSWER_BYTES } from '@switchyard/domain/csv';
import { z } from 'zod';
import { uploadAnswers } from '../../files/supplier-uploads.ts';
import { supplierProcedure } from '../trpc.ts';

const input = z.object({
  fileName: z
    .string()
    .regex(/^[^/\\]{1,255}$/, 'a name of 1–255 characters without / or \\')
    .refine(isStorableText),
  /** The CSV's text: the portal sends what the supplier picked, as read by the browser. */
  content: z.string().min(1).max(MAX_ANSWER_BYTES),
});

const output = z.object({
  repeat: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  rows: z.number(),
  applied: z.number(),
  refused: z.number(),
  results: z.array(
    z.object({
      row: z.number(),
      dispatchId: z.string().nullable(),
      outcome: z.string(),
      code: z.string().nullable(),
      message: z.string().nullable(),
    }),
  ),
});

/**
 * R-RT-2: an answer file (acknowledgements, shipments, rejections) uploaded from the portal,
 * processed by the same function as `POST /partner/v1/files` and the mail and SFTP connectors:
 * row by row, good rows applied, each refusal with its row, code and reason.
 */
export const uploadAnswersProcedure = supplierProcedure
  .input(input)
  .output(output)
  .mutation(({ ctx, input }) =>
    uploadAnswers(
      ctx.deps,
      ctx.supplierId,
      input.fileName,
      new TextEncoder().encode(input.content),
    ),
  );

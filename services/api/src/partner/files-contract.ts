import { ANSWER_COLUMNS, MAX_ANSWER_BYTES, MAX_ANSWER_ROWS } from '@switchyard/domain/csv';
import { z } from 'zod';

const rowResult = z.object({
  row: z.number(),
  dispatch_id: z.string().nullable(),
  outcome: z.enum(['applied', 'repeat', 'refused']),
  code: z.string().optional(),
  message: z.string().optional(),
});
/** The answer to an uploaded answer file: its report. */
export const fileReport = z.object({
  file: z.string(),
  sha256: z.string(),
  repeat: z.boolean(),
  status: z.enum(['done', 'incomplete']),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  rows: z.number(),
  applied: z.number(),
  refused: z.number(),
  results: z.array(rowResult),
});

const error = {
  'application/json': {
    schema: z.toJSONSchema(
      z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
    ),
  },
};

/** OpenAPI of `POST /files` (R-RT-2), beside the JSON routes' document. */
/** The `/files` path; `idempotencyKey`: the header every partner POST takes. */
export function filesPathDoc(idempotencyKey: object) {
  const report = { 'application/json': { schema: z.toJSONSchema(fileReport) } };
  return {
    post: {
      summary: `Upload an answer file: CSV with columns ${ANSWER_COLUMNS.join(', ')}; action is ack, ship or reject. At most ${MAX_ANSWER_ROWS} rows and ${MAX_ANSWER_BYTES} bytes, UTF-8. Good rows are applied when others are bad; the same file again applies nothing and returns its first report.`,
      security: [{ partnerKey: [] }],
      parameters: [
        idempotencyKey,
        {
          name: 'name',
          in: 'query',
          required: false,
          schema: { type: 'string', maxLength: 255, pattern: '^[^/\\\\]+$' },
        },
      ],
      requestBody: {
        required: true,
        content: { 'text/csv': { schema: { type: 'string', maxLength: MAX_ANSWER_BYTES } } },
      },
      responses: {
        '200': { description: 'the report, row by row', content: report },
        '400': { description: 'BAD_REQUEST: the name is not a file name', content: error },
        '401': { description: 'PARTNER_UNAUTHORIZED', content: error },
        '409': {
          description: 'FILE_IN_PROGRESS: the same file is being processed; retry',
          content: error,
        },
        '413': { description: 'PAYLOAD_TOO_LARGE', content: error },
        '422': {
          description:
            'the file cannot be read as a whole (CSV_EMPTY, CSV_NOT_TEXT, CSV_COLUMNS_MISSING, CSV_COLUMNS_DUPLICATE, CSV_MALFORMED, CSV_TOO_LARGE): the report, nothing applied',
          content: report,
        },
        '429': { description: 'RATE_LIMITED', content: error },
      },
    },
  };
}

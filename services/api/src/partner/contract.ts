import { DISPATCH_STATUSES } from '@switchyard/domain';
import { dispatchPayloadSchema } from '@switchyard/suppliers';
import { z } from 'zod';
import { filesPathDoc } from './files-contract.ts';

/** The partner API's request bodies: validated by the routes, published in the OpenAPI document. */
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

export const ackBody = z.object({
  // A promised ship time further than a year from now is a typo or a placeholder (0000, 9999).
  expected_ship_at: z.iso
    .datetime({ offset: true })
    .refine((v) => Math.abs(Date.parse(v) - Date.now()) <= YEAR_MS, 'within a year of now')
    .optional(),
  channel: z.string().min(1).max(64).optional(),
});
export const shipmentBody = z.object({
  tracking_number: z
    .string()
    .trim()
    .min(6)
    .max(40)
    .regex(/^[A-Za-z0-9]+$/, 'letters and digits only')
    .optional()
    .meta({
      description:
        "required unless the dispatch carries a platform label (TikTok Shipping); then optional, and if given it must be the label's",
    }),
  carrier: z.string().trim().min(2).max(64).optional().meta({
    description:
      'required unless the dispatch carries a platform label; then optional ("TikTok Shipping" or the label\'s carrier)',
  }),
  /** A split shipment: the items in this package; absent means everything not yet shipped. */
  lines: z
    .array(
      z.object({
        sku_code: z.string().trim().min(1).max(64),
        quantity: z.number().int().min(1).max(10_000),
      }),
    )
    .min(1)
    .max(100)
    .optional(),
});
export const rejectBody = z.object({ reason: z.string().trim().min(1).max(200) });

/**
 * A stock and cost feed (R-RT-1 data). Rows are checked one by one, not here, so that a bad
 * row is reported without refusing the good ones; only the envelope is checked here.
 */
export const stockFeedBody = z.object({
  items: z
    .array(
      z.object({
        sku_code: z.unknown().optional().meta({ description: 'the item code, 1–64 characters' }),
        stock: z.unknown().optional().meta({ description: 'units on hand, a whole number ≥ 0' }),
        unit_cost: z
          .unknown()
          .optional()
          .meta({ description: 'USD per unit, e.g. "3.50"; required for a new item' }),
        weight_grams: z.unknown().optional().meta({
          description:
            'grams a unit, 1–100000; declares the TikTok Shipping parcel (absent: kept as it is)',
        }),
      }),
    )
    .min(1)
    .max(2000),
});
const stockFeedReport = z.object({
  applied: z.number(),
  rejected: z.array(
    z.object({
      index: z.number(),
      code: z.enum([
        'SKU_CODE_INVALID',
        'STOCK_INVALID',
        'COST_INVALID',
        'WEIGHT_INVALID',
        'ITEM_UNKNOWN',
        'DUPLICATE_ROW',
      ]),
      message: z.string(),
    }),
  ),
});

/** One page of `GET /dispatches`: what the route answers, published as such. */
export const dispatchListResponse = z.object({
  items: z.array(
    z.object({
      dispatch_id: z.string(),
      status: z.enum(DISPATCH_STATUSES),
      created_at: z.iso.datetime({ offset: true }),
      acknowledged_at: z.iso.datetime({ offset: true }).nullable(),
      expected_ship_at: z.iso.datetime({ offset: true }).nullable(),
      shipped_at: z.iso.datetime({ offset: true }).nullable(),
      tracking_number: z.string().nullable(),
      carrier: z.string().nullable(),
      delivery: dispatchPayloadSchema.nullable().meta({
        description:
          'while the dispatch is open (sent, acknowledged): exactly the body of the order.dispatched push; null once it is closed',
      }),
    }),
  ),
  next_cursor: z.string().nullable().meta({
    description:
      'the position after the last item: pass it as cursor for the next page, and keep it to ask later for what is new since. Null only when there is nothing yet',
  }),
  has_more: z.boolean().meta({ description: 'true when the next page holds items already' }),
});

const error = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

const json = (schema: z.ZodType) => ({
  'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) },
});
const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [String(c), { description: ERROR_TEXT[c] ?? 'error', content: json(error) }]),
  );
const ERROR_TEXT: Record<number, string> = {
  400: 'BAD_REQUEST: the body is not valid; details name the fields. INPUT_INVALID_TEXT: a string holds U+0000 or an unpaired surrogate; details.path names it. IDEMPOTENCY_KEY_INVALID: the Idempotency-Key header is not 1–255 printable ASCII characters',
  401: 'PARTNER_UNAUTHORIZED: missing or unknown partner key',
  404: 'DISPATCH_NOT_FOUND: no such dispatch for this supplier',
  409: 'DISPATCH_CLOSED or DISPATCH_NOT_CURRENT: the order moved on (withdrawn, re-routed, shipped). IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was first used for another request. IDEMPOTENCY_KEY_IN_FLIGHT: the first request with this key is still running; retry after Retry-After',
  413: 'PAYLOAD_TOO_LARGE: the body is over the limit (128 KiB unless configured otherwise)',
  422: "TRACKING_INVALID or CARRIER_UNKNOWN: not a real number of that carrier (R-TRK-1, R-TRK-3). TRACKING_REQUIRED: no tracking_number or carrier, and the dispatch has no platform label. TRACKING_NOT_LABEL: the dispatch ships on a platform label and the number is not the label's",
  429: 'RATE_LIMITED: too many requests for this key, or too many failed keys from this address; retry after Retry-After',
  503: 'TRY_AGAIN_LATER: not taken in time; retry with the same body after Retry-After',
};

/** Every POST takes one (optional): a retry with the same key and body gets the first answer. */
const idempotencyKeyHeader = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Optional. 1–255 printable ASCII characters, unique per request (a UUID is fine), kept 24 hours per supplier. The same key with the same body answers the first answer again (status and body, header Idempotent-Replayed: true) without doing the work twice; with another body: 409 IDEMPOTENCY_KEY_REUSED.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[ -~]{1,255}$' },
};

function action(summary: string, body: z.ZodType, ok: number, extra: number[] = []) {
  return {
    post: {
      summary,
      security: [{ partnerKey: [] }],
      parameters: [
        {
          name: 'id',
          in: 'path',
          required: true,
          schema: { type: 'string', pattern: '^d_[A-Za-z0-9_-]+$' },
        },
        idempotencyKeyHeader,
      ],
      requestBody: { required: true, content: json(body) },
      responses: {
        [String(ok)]: { description: 'accepted', content: json(z.object({ status: z.string() })) },
        ...errors(400, 401, 404, 409, 413, 429, 503, ...extra),
      },
    },
  };
}

/**
 * OpenAPI 3.1 description of `/partner/v1`, generated from the same zod schemas the routes
 * validate with, so the document cannot drift from the code.
 *
 * Kept over @hono/zod-openapi on purpose: for three routes with one path parameter, zod's own
 * toJSONSchema and this page of structure give the same guarantee (bodies come from the
 * validating schemas; contract.test.ts checks the document) without a second schema
 * converter, its version coupling to zod, and routes rewritten around OpenAPIHono. The
 * refusal texts would stay hand-written either way.
 */
export function partnerOpenApi() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Switchyard partner API',
      version: '1',
      description:
        'Suppliers receive orders as signed webhooks (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature), or pull them from GET /dispatches, and answer here. Acknowledge within 30 minutes (R-SLA-2); return tracking within 30 minutes of shipping (R-SLA-3). Every POST takes an optional Idempotency-Key. Requests are limited per supplier (all its keys together): 429 with Retry-After. During a key rotation both keys work until the old one is revoked or its overlap ends.',
    },
    servers: [{ url: '/partner/v1' }],
    components: {
      securitySchemes: {
        partnerKey: { type: 'http', scheme: 'bearer', description: 'sy_pk_… partner key' },
      },
    },
    paths: {
      '/files': filesPathDoc(idempotencyKeyHeader),
      '/dispatches/{id}/label': {
        get: {
          summary:
            'The platform label (TikTok Shipping) to print for the dispatch: the document itself',
          description:
            'Present when the dispatch payload has `label`. Print it, ship under its tracking number, then post the shipment (the tracking number may be left out). The document shows the buyer address: do not keep it longer than the parcel needs.',
          security: [{ partnerKey: [] }],
          parameters: [
            {
              name: 'id',
              in: 'path',
              required: true,
              schema: { type: 'string', pattern: '^d_[A-Za-z0-9_-]+$' },
            },
          ],
          responses: {
            '200': {
              description: 'the label document (PDF)',
              headers: {
                'X-Tracking-Number': {
                  description: 'the tracking number printed on the label',
                  schema: { type: 'string' },
                },
              },
              content: {
                'application/pdf': {
                  schema: { type: 'string', contentMediaType: 'application/pdf' },
                },
              },
            },
            '404': {
              description:
                'DISPATCH_NOT_FOUND: no such dispatch for this supplier. LABEL_NOT_FOUND: the dispatch has no label (a seller-shipped order), is closed, or its buyer data was erased',
              content: json(error),
            },
            ...errors(401, 429),
          },
        },
      },
      '/dispatches/{id}/ack': action(
        'Acknowledge receipt, expected ship time and channel',
        ackBody,
        200,
      ),
      '/dispatches/{id}/shipment': action(
        'Return tracking number and carrier; lines for a split shipment',
        shipmentBody,
        202,
        [422],
      ),
      '/dispatches/{id}/reject': action(
        'Refuse the order (out of stock …); it is re-routed',
        rejectBody,
        200,
      ),
      '/catalog/stock': {
        post: {
          summary:
            'Set stock, and unit cost where given, for up to 2,000 items; bad rows are reported, good rows applied',
          security: [{ partnerKey: [] }],
          parameters: [idempotencyKeyHeader],
          requestBody: { required: true, content: json(stockFeedBody) },
          responses: {
            '200': {
              description: 'the rows applied and those refused',
              content: json(stockFeedReport),
            },
            ...errors(400, 401, 409, 413, 429),
          },
        },
      },
      '/dispatches': {
        get: {
          summary:
            'Pull: your dispatches, oldest first, one page at a time; answer each with ack, shipment or reject',
          description:
            'A supplier without a webhook endpoint works from this list. Open dispatches (sent, acknowledged) carry `delivery`, the same body a push delivers. Walk the pages with `next_cursor` while `has_more`; keep the last `next_cursor` and call again with it to get what is new since. To see everything still waiting for an acknowledgement, list `status=sent` without a cursor.',
          security: [{ partnerKey: [] }],
          parameters: [
            {
              name: 'status',
              in: 'query',
              required: false,
              schema: { type: 'string', enum: [...DISPATCH_STATUSES] },
            },
            {
              name: 'cursor',
              in: 'query',
              required: false,
              description: 'next_cursor of the previous page, as it was given',
              schema: { type: 'string', minLength: 1, maxLength: 512 },
            },
            {
              name: 'limit',
              in: 'query',
              required: false,
              schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 },
            },
          ],
          responses: {
            '200': { description: 'one page', content: json(dispatchListResponse) },
            '400': {
              description:
                'CURSOR_INVALID: a cursor this listing did not hand out (start again without one). LIMIT_INVALID: limit is not a whole number from 1 to 100. STATUS_INVALID: no such status',
              content: json(error),
            },
            ...errors(401, 429),
          },
        },
      },
    },
  };
}

import type { z } from 'zod';
import type {
  DispatchOptions,
  DispatchResult,
  DispatchTarget,
  SupplierConnector,
} from './connector.ts';
import { dispatchPayloadSchema } from './dispatch-payload.ts';
import { classifyStatus, parseRetryAfter, SupplierDispatchError } from './errors.ts';
import { supplierNoticeSchema } from './notice.ts';
import { signSupplierWebhook } from './signing.ts';

export interface HttpPushConnectorOptions {
  fetch?: typeof globalThis.fetch;
  /** Clock in milliseconds; drives `webhook-timestamp` and measured latency. */
  now?: () => number;
  timeoutMs?: number;
}

/** Enough of a reply to diagnose a rejection, small enough to keep in a call log. */
const SNIPPET_BYTES = 512;

/**
 * Pushes `order.dispatched` as a Standard Webhooks request to the supplier's endpoint.
 * `webhook-id` is the dispatch id so a supplier that dedupes by it sees a retry as the
 * same message (R-IN-1 mirrored on the outbound side).
 *
 * @example
 * const connector = createHttpPushConnector();
 * await connector.dispatch({ endpointUrl, signingSecret }, payload);
 */
export function createHttpPushConnector(options: HttpPushConnectorOptions = {}): SupplierConnector {
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const defaultTimeoutMs = options.timeoutMs ?? 10_000;

  /** One signed POST of `body` as webhook `id`. */
  async function send(
    target: DispatchTarget,
    id: string,
    body: string,
    opts: DispatchOptions,
  ): Promise<DispatchResult> {
    const url = checkTarget(target);
    const timestamp = Math.floor(now() / 1000);
    const signature = signSupplierWebhook({ secret: target.signingSecret, id, timestamp, body });

    const timeoutMs = opts.timeoutMs ?? defaultTimeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    const started = now();
    let response: Response;
    let snippet: string;
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signature,
        },
        body,
        // A redirect would turn the signed POST into a GET; surface it as a failure instead.
        redirect: 'manual',
        signal,
      });
      snippet = await readSnippet(response);
    } catch (error) {
      // The caller cancelling is not a supplier failure: let its reason propagate as is.
      if (opts.signal?.aborted) throw opts.signal.reason;
      const timedOut = timeout.aborted;
      throw new SupplierDispatchError({
        code: 'SUPPLIER_UNAVAILABLE',
        message: timedOut
          ? `supplier did not answer within ${timeoutMs} ms`
          : `supplier unreachable: ${error instanceof Error ? error.message : String(error)}`,
        latencyMs: now() - started,
        cause: error,
      });
    }

    const latencyMs = now() - started;
    const code = classifyStatus(response.status);
    if (code === null) return { ok: true, status: response.status, latencyMs };
    throw new SupplierDispatchError({
      code,
      message: `supplier answered HTTP ${response.status}`,
      status: response.status,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now()),
      latencyMs,
      responseSnippet: snippet,
    });
  }

  return {
    async dispatch(target: DispatchTarget, payload, opts: DispatchOptions = {}) {
      const parsed = dispatchPayloadSchema.safeParse(payload);
      if (!parsed.success) throw invalidInput('dispatch payload', parsed.error);
      return send(target, parsed.data.dispatch_id, JSON.stringify(parsed.data), opts);
    },
    async notify(target: DispatchTarget, notice, opts: DispatchOptions = {}) {
      const parsed = supplierNoticeSchema.safeParse(notice);
      if (!parsed.success) throw invalidInput('notice', parsed.error);
      return send(target, parsed.data.notice_id, JSON.stringify(parsed.data), opts);
    },
  };
}

function invalidInput(what: string, error: z.ZodError) {
  return new SupplierDispatchError({
    code: 'DISPATCH_INPUT_INVALID',
    message: `${what} is invalid: ${error.issues.map((i) => i.path.join('.')).join(', ')}`,
  });
}

function checkTarget(target: DispatchTarget): URL {
  const url = URL.canParse(target.endpointUrl) ? new URL(target.endpointUrl) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new SupplierDispatchError({
      code: 'DISPATCH_INPUT_INVALID',
      message: 'supplier endpoint must be an http(s) URL',
    });
  }
  return url;
}

/** Reads at most SNIPPET_BYTES of the body and drops the rest, freeing the connection. */
async function readSnippet(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < SNIPPET_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString('utf8');
}

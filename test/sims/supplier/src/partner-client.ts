/** One HTTP attempt against the partner API; status 0 means no HTTP answer (network). */
export interface PartnerCall {
  path: string;
  status: number;
  attempt: number;
  at: number;
}

export interface PartnerClientDeps {
  fetch: typeof globalThis.fetch;
  now: () => number;
  /** Read at call time: the partner API URL and key may be set after start. */
  config: () => { url: string; key: string };
  log: (call: PartnerCall) => void;
  /** Aborted when the sim closes, so pending retries stop. */
  signal: AbortSignal;
  /** Delay before retry n (1-based); small, because the platform measures our latency. */
  backoffMs?: (retry: number) => number;
  /** Tries per message, the first included (default 3); read at each message. */
  maxAttempts?: number | (() => number);
  /** A patient supplier's longest wait between tries, simulated ms (default 5 s). */
  maxBackoffMs?: number;
  /**
   * What a patient supplier makes of Retry-After: `replaces` its own backoff (default), or is
   * its `floor` (an outbox that keeps backing off however soon the platform says to come back).
   */
  retryAfter?: 'replaces' | 'floor';
  /**
   * Simulated ms per real ms (default 1): the supplier's waits between tries (its backoff, and
   * the platform's Retry-After, which names simulated seconds in a compressed run) are
   * divided by it. Each HTTP attempt's own timeout is the network's and stays real.
   */
  timeScale?: number;
}

const MAX_ATTEMPTS = 3;
const ATTEMPT_TIMEOUT_MS = 5_000;
/** A patient supplier (many attempts) backs off to this at most, or to what Retry-After says. */
const MAX_BACKOFF_MS = 5_000;

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * 429 and 5xx are the partner API asking us to come back, and so is a 409 with Retry-After
 * (IDEMPOTENCY_KEY_IN_FLIGHT: our earlier try with this key has not answered yet, perhaps never
 * will, and the key is taken over once stale); other answers are final.
 */
function worthRetrying(status: number, retryAfterMs: number | undefined): boolean {
  return (
    status === 0 ||
    status === 429 ||
    status >= 500 ||
    (status === 409 && retryAfterMs !== undefined)
  );
}

/**
 * Posts to the partner API the way a supplier's IT system does: bearer key, an
 * idempotency key per step so our retries never ack or ship twice, up to three tries.
 * Returns the last status (0 if never answered).
 */
export function createPartnerClient(deps: PartnerClientDeps) {
  const backoff = deps.backoffMs ?? ((retry: number) => 100 * 2 ** (retry - 1));
  const attempts = deps.maxAttempts ?? MAX_ATTEMPTS;
  const maxAttempts = typeof attempts === 'number' ? () => attempts : attempts;
  const maxBackoff = deps.maxBackoffMs ?? MAX_BACKOFF_MS;
  const timeScale = deps.timeScale ?? 1;
  const patientWait = (n: number, retryAfterMs: number | undefined) =>
    deps.retryAfter === 'floor'
      ? Math.max(retryAfterMs ?? 0, backoff(n))
      : (retryAfterMs ?? backoff(n));

  async function attempt(
    base: string,
    path: string,
    init: RequestInit,
  ): Promise<{ status: number; retryAfterMs?: number }> {
    try {
      const signal = AbortSignal.any([deps.signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]);
      const response = await deps.fetch(`${base}${path}`, { ...init, signal });
      await response.body?.cancel();
      const seconds = Number(response.headers.get('retry-after'));
      return seconds > 0
        ? { status: response.status, retryAfterMs: seconds * 1000 }
        : { status: response.status };
    } catch {
      return { status: 0 };
    }
  }

  return {
    /** Downloads a file the platform serves to suppliers (a label); one try, null on failure. */
    async download(url: string): Promise<{ status: number; bytes: Uint8Array | null }> {
      const { key } = deps.config();
      try {
        const signal = AbortSignal.any([deps.signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]);
        const res = await deps.fetch(url, { headers: { authorization: `Bearer ${key}` }, signal });
        deps.log({ path: new URL(url).pathname, status: res.status, attempt: 1, at: deps.now() });
        if (!res.ok) {
          await res.body?.cancel();
          return { status: res.status, bytes: null };
        }
        return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()) };
      } catch {
        return { status: 0, bytes: null };
      }
    },
    async post(fallbackBase: string, path: string, body: unknown, idempotencyKey: string) {
      const { url, key } = deps.config();
      const base = (url || fallbackBase).replace(/\/+$/, '');
      const init: RequestInit = {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
        },
        body: JSON.stringify(body),
      };
      let status = 0;
      const tries = maxAttempts();
      for (let n = 1; n <= tries; n += 1) {
        const answer = base ? await attempt(base, path, init) : { status: 0 };
        status = answer.status;
        deps.log({ path, status, attempt: n, at: deps.now() });
        if (!worthRetrying(status, answer.retryAfterMs) || n === tries || deps.signal.aborted)
          break;
        // Retry-After is honoured only by a patient supplier; the default three quick tries
        // are those of a supplier's IT system that gives up fast.
        const wait =
          tries > MAX_ATTEMPTS
            ? Math.min(patientWait(n, answer.retryAfterMs), maxBackoff)
            : backoff(n);
        await sleep(wait / timeScale, deps.signal);
      }
      return status;
    },
  };
}

export type PartnerClient = ReturnType<typeof createPartnerClient>;

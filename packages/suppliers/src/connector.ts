import type { DispatchPayload } from './dispatch-payload.ts';
import type { SupplierNotice } from './notice.ts';

/** Where and how to reach one supplier's endpoint. */
export interface DispatchTarget {
  /** The supplier's webhook URL, e.g. `https://erp.example.com/switchyard/dispatches`. */
  endpointUrl: string;
  /** `whsec_…`; pass two during a key rotation so the supplier can verify with either. */
  signingSecret: string | readonly string[];
}

export interface DispatchOptions {
  /** Cancels the attempt (e.g. the Temporal activity's cancellation signal). */
  signal?: AbortSignal;
  /** Overrides the connector's timeout for this attempt. */
  timeoutMs?: number;
}

/** A supplier accepted the dispatch (2xx). Acknowledgement arrives later (R-SLA-2). */
export interface DispatchResult {
  ok: true;
  status: number;
  latencyMs: number;
}

/**
 * One way of handing an order to a supplier (R-RT-2). A call makes exactly one attempt;
 * retries and their schedule belong to the caller, which makes them durable. Failures throw
 * `SupplierDispatchError`.
 */
export interface SupplierConnector {
  dispatch(
    target: DispatchTarget,
    payload: DispatchPayload,
    opts?: DispatchOptions,
  ): Promise<DispatchResult>;
  /** Tells the supplier something about a dispatch it holds (same signing, same errors). */
  notify(
    target: DispatchTarget,
    notice: SupplierNotice,
    opts?: DispatchOptions,
  ): Promise<DispatchResult>;
}

import { sleep } from './partner-client.ts';

/** The supplier's account at the carrier: where it creates labels, with which key. */
export interface CarrierAccount {
  url: string;
  apiKey: string;
}

/**
 * Creates the label of a tracking number at the carrier, as a warehouse does before the parcel
 * leaves (R-TRK-2: then the carrier knows the number). A few tries; a label that could not be
 * created leaves a number the carrier does not know, as in life.
 */
export async function createCarrierLabel(
  account: CarrierAccount | undefined,
  carrier: string,
  trackingNumber: string,
  signal: AbortSignal,
): Promise<number> {
  if (!account) return 0;
  let status = 0;
  for (let n = 1; n <= 3; n += 1) {
    try {
      const res = await fetch(`${account.url.replace(/\/+$/, '')}/v1/labels`, {
        method: 'POST',
        headers: { 'x-api-key': account.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ carrier, tracking_number: trackingNumber }),
        signal: AbortSignal.any([signal, AbortSignal.timeout(5000)]),
      });
      await res.body?.cancel();
      status = res.status;
    } catch {
      status = 0;
    }
    if (status === 200 || status === 201 || (status >= 400 && status < 500 && status !== 429))
      return status;
    await sleep(100 * 2 ** n, signal);
  }
  return status;
}

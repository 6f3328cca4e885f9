import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The supplier side's own Standard Webhooks check, written separately from
 * `@switchyard/suppliers` on purpose: if both sides shared one implementation, a bug in it
 * would sign and verify consistently and no test would notice.
 */

export type SignatureCheck = { ok: true; id: string } | { ok: false; reason: string };

const TOLERANCE_SEC = 300;

/** Throws unless the secret is `whsec_<base64>`; the sim calls it at start to fail early. */
export function keyFromSecret(secret: string): Buffer {
  const match = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret);
  if (!match?.[1]) throw new Error('signing secret must be whsec_<base64>');
  return Buffer.from(match[1], 'base64');
}

/** Hashing both sides first gives equal-length buffers, so the comparison is constant-time. */
function sameString(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

export function checkDispatchSignature(
  secret: string,
  headers: Headers,
  rawBody: string,
  nowMs: number,
): SignatureCheck {
  const id = headers.get('webhook-id');
  const timestamp = headers.get('webhook-timestamp');
  const signatureHeader = headers.get('webhook-signature');
  if (!id || !timestamp || !signatureHeader) {
    return { ok: false, reason: 'missing webhook-id, webhook-timestamp or webhook-signature' };
  }
  const sentAtSec = Number.parseInt(timestamp, 10);
  if (!/^[0-9]+$/.test(timestamp) || Math.abs(nowMs / 1000 - sentAtSec) > TOLERANCE_SEC) {
    return { ok: false, reason: 'webhook-timestamp missing or outside the 5 minute window' };
  }
  const mac = createHmac('sha256', keyFromSecret(secret));
  const expected = `v1,${mac.update(`${id}.${timestamp}.${rawBody}`).digest('base64')}`;
  const matches = signatureHeader
    .split(' ')
    .filter((candidate) => candidate.length > 0)
    .some((candidate) => sameString(candidate, expected));
  return matches ? { ok: true, id } : { ok: false, reason: 'no valid v1 signature' };
}

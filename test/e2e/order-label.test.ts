import { encrypt } from '@switchyard/auth';
import { saveOrderLabel, withTenant } from '@switchyard/db';
import { seedOrder } from '@switchyard/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../harness/platform.ts';

type Label = { packageId: string; documentUrl: string | null; price: { minor: string } | null };

/**
 * The TikTok Shipping label on the tenant's order page (R-CHK-3): `orders.get` carries the
 * label, `GET /v1/orders/:id/label` its document; another tenant learns nothing of either, and
 * hostile ids are a 4xx with a code.
 */
describe('the order label for its tenant', { timeout: 180_000 }, () => {
  let p: Platform;
  let withLabel = '';
  let erased = '';
  let other = '';
  const PDF = Buffer.from('%PDF-1.4 label of the parcel');

  const get = (i: number, id: string) =>
    fetch(`${p.apiUrl}/trpc/orders.get?input=${encodeURIComponent(JSON.stringify({ id }))}`, {
      headers: { authorization: `Bearer ${p.tenants[i]!.apiToken}` },
    });
  const doc = (i: number, path: string) =>
    fetch(`${p.apiUrl}${path}`, { headers: { authorization: `Bearer ${p.tenants[i]!.apiToken}` } });

  beforeAll(async () => {
    p = await startPlatform({ tenants: 2 });
    const seed = async (i: number, n: string, document: boolean) => {
      const t = p.tenants[i]!;
      return withTenant(p.db, t.tenantId, async (trx) => {
        const orderId = await seedOrder(trx, {
          tenantId: t.tenantId,
          shopId: t.shopId,
          platformOrderId: n,
        });
        await saveOrderLabel(trx, {
          tenantId: t.tenantId,
          orderId,
          packageId: `PKG${n}`,
          trackingNumber: `TT${n}`,
          carrier: 'USPS',
          serviceName: 'Ground Advantage',
          serviceId: 'svc-1',
          priceMinor: 120n,
          currency: 'USD',
          documentEnc: encrypt(p.keyring, PDF.toString('base64')),
          documentType: 'application/pdf',
        });
        if (!document)
          await trx
            .updateTable('order_labels')
            .set({ document_enc: null })
            .where('order_id', '=', orderId)
            .execute();
        return orderId;
      });
    };
    withLabel = await seed(0, '1001', true);
    erased = await seed(0, '1002', false);
    other = await seed(1, '2001', true);
  });
  afterAll(async () => {
    await p?.close();
  });

  it('shows the label with its cost and a link to its document, which is the PDF', async () => {
    const res = await get(0, withLabel);
    const label = ((await res.json()) as { result: { data: { label: Label } } }).result.data.label;
    expect(label).toMatchObject({
      packageId: 'PKG1001',
      trackingNumber: 'TT1001',
      carrier: 'USPS',
      serviceName: 'Ground Advantage',
      price: { minor: '120' },
      currency: 'USD',
      documentUrl: `/v1/orders/${withLabel}/label`,
    });
    const pdf = await doc(0, label.documentUrl!);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await pdf.arrayBuffer())).toEqual(PDF);
  });

  it('says when the document was erased with the buyer’s data, and serves none', async () => {
    const res = await get(0, erased);
    const label = ((await res.json()) as { result: { data: { label: Label } } }).result.data.label;
    expect(label.documentUrl).toBeNull();
    const gone = await doc(0, `/v1/orders/${erased}/label`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ error: { code: 'LABEL_NOT_FOUND' } });
  });

  it('never shows tenant A the label of tenant B’s order, in either form', async () => {
    const res = await get(0, other);
    expect(res.status).toBe(404);
    expect(JSON.stringify(await res.json())).not.toContain('PKG2001');
    const pdf = await doc(0, `/v1/orders/${other}/label`);
    expect(pdf.status).toBe(404);
    expect(await pdf.text()).not.toContain('PDF');
    // B itself gets its own.
    expect((await doc(1, `/v1/orders/${other}/label`)).status).toBe(200);
  });

  it('refuses hostile ids with a 4xx and a code, never a 5xx', async () => {
    for (const id of ['not-a-uuid', '%00', '%ED%A0%80', 'x'.repeat(5000), `${withLabel}%00`]) {
      const res = await doc(0, `/v1/orders/${id}/label`);
      expect(res.status, id.slice(0, 20)).toBeGreaterThanOrEqual(400);
      expect(res.status, id.slice(0, 20)).toBeLessThan(500);
    }
    const anonymous = await fetch(`${p.apiUrl}/v1/orders/${withLabel}/label`);
    expect(anonymous.status).toBe(401);
  });
});

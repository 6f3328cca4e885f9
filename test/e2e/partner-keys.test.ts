import { issueOperatorToken } from '@switchyard/auth/credentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../harness/platform.ts';
import { expectError, expectTrpcError, trpcMutation, trpcQuery } from './bad-input/helpers.ts';
import { bearer, expectRateLimited, send, startApi } from './edge/helpers.ts';

/**
 * Partner keys over HTTP: an operator rotates a supplier's key with an overlap in which both
 * work, a revoked or expired key authenticates nobody, the keys of one supplier share its
 * rate, and the contract has an interactive page served by the api itself.
 */
describe('partner API: key rotation, shared rate, documentation page', () => {
  let p: Platform;
  let operator: string;
  let other: { supplierId: string; partnerKey: string };
  /** Factory A's live key, once the first test has rotated it. */
  let currentKey: string;

  beforeAll(async () => {
    p = await startPlatform();
    operator = `Bearer ${await issueOperatorToken(p.db, 'on-call')}`;
    other = await p.registerIdleSupplier('factory-r');
  });
  afterAll(async () => {
    await p?.close();
  });

  const pull = (key: string, base = p.apiUrl) =>
    fetch(`${base}/partner/v1/dispatches?limit=1`, { headers: { authorization: `Bearer ${key}` } });
  const works = async (key: string) => (await pull(key)).status === 200;
  const issue = async (supplierId: string, overlapHours?: number) => {
    const res = await trpcMutation(
      p,
      'ops.partnerKeys.issue',
      { supplierId, overlapHours },
      operator,
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as {
      result: { data: { keyId: string; partnerKey: string; previousKeyExpiresAt: string | null } };
    };
    return body.result.data;
  };
  const keys = async (supplierId: string) => {
    const res = await trpcQuery(p, 'ops.partnerKeys.list', { supplierId }, operator);
    const body = (await res.json()) as {
      result: { data: Array<{ id: string; revokedAt: string | null }> };
    };
    return body.result.data;
  };
  const revoke = (supplierId: string, keyId: string) =>
    trpcMutation(p, 'ops.partnerKeys.revoke', { supplierId, keyId }, operator);

  it('keeps the old key working beside the new one until it is revoked', async () => {
    const oldKey = p.partnerKey;
    const [oldRow] = await keys(p.supplierId);
    const fresh = await issue(p.supplierId);
    expect(fresh.partnerKey).toMatch(/^sy_pk_/);
    expect(fresh.previousKeyExpiresAt).not.toBeNull();
    expect([await works(oldKey), await works(fresh.partnerKey)]).toEqual([true, true]);
    expect(JSON.stringify(await keys(p.supplierId))).not.toContain(fresh.partnerKey);

    // A third key while two are live is refused: one has to go first.
    await expectTrpcError(
      await trpcMutation(p, 'ops.partnerKeys.issue', { supplierId: p.supplierId }, operator),
      409,
      'CONFLICT',
      'PARTNER_KEYS_FULL',
    );

    // Another supplier's id cannot revoke it.
    await expectTrpcError(await revoke(other.supplierId, oldRow!.id), 404, 'NOT_FOUND');
    expect(await works(oldKey)).toBe(true);

    expect((await revoke(p.supplierId, oldRow!.id)).status).toBe(200);
    await expectError(await pull(oldKey), 401, 'PARTNER_UNAUTHORIZED');
    expect(await works(fresh.partnerKey)).toBe(true);
    // The simulator carries on with the new key from here.
    p.supplier.setPartnerApi(`${p.apiUrl}/partner/v1`, fresh.partnerKey);
    currentKey = fresh.partnerKey;
  });

  it('ends the old key when its overlap ends (0 hours: at once)', async () => {
    const before = other.partnerKey;
    const fresh = await issue(other.supplierId, 0);
    await expectError(await pull(before), 401, 'PARTNER_UNAUTHORIZED');
    expect(await works(fresh.partnerKey)).toBe(true);
    other = { ...other, partnerKey: fresh.partnerKey };
  });

  it('never lets a revoked key of one supplier authenticate as anyone, on any route', async () => {
    const victim = await p.registerIdleSupplier('factory-v');
    const [row] = await keys(victim.supplierId);
    expect((await revoke(victim.supplierId, row!.id)).status).toBe(200);
    await expectError(await pull(victim.partnerKey), 401, 'PARTNER_UNAUTHORIZED');
    const ack = await fetch(`${p.apiUrl}/partner/v1/dispatches/d_${'0'.repeat(32)}/ack`, {
      method: 'POST',
      headers: { authorization: `Bearer ${victim.partnerKey}`, 'content-type': 'application/json' },
      body: '{}',
    });
    await expectError(ack, 401, 'PARTNER_UNAUTHORIZED');
    // Revoking again finds nothing live.
    await expectTrpcError(await revoke(victim.supplierId, row!.id), 404, 'NOT_FOUND');
  });

  it('lets only operators manage keys', async () => {
    const tenant = `Bearer ${p.tenants[0]!.apiToken}`;
    const res = await trpcMutation(
      p,
      'ops.partnerKeys.issue',
      { supplierId: p.supplierId },
      tenant,
    );
    expect([401, 403]).toContain(res.status);
    const partner = `Bearer ${other.partnerKey}`;
    const asPartner = await trpcQuery(
      p,
      'ops.partnerKeys.list',
      { supplierId: other.supplierId },
      partner,
    );
    expect([401, 403]).toContain(asPartner.status);
  });

  it('charges all keys of one supplier to one bucket: 429 with Retry-After; another supplier goes on', async () => {
    const api = await startApi(p, { rates: { partnerKey: { perSecond: 0.05, burst: 5 } } });
    try {
      const second = await issue(p.supplierId);
      const get = (key: string) =>
        send(`${api.url}/partner/v1/dispatches?limit=1`, { headers: bearer(key) });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await get(second.partnerKey)).status);
      for (let i = 0; i < 2; i++) statuses.push((await get(currentKey)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
      const refused = await get(second.partnerKey);
      expectRateLimited(refused);
      expectRateLimited(await get(currentKey));
      expect((await get(other.partnerKey)).status).toBe(200);
    } finally {
      await api.close();
    }
  });

  it('serves an interactive page of the contract, with a policy allowing only its own files', async () => {
    const page = await fetch(`${p.apiUrl}/partner/v1/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/https?:|\*|unsafe-eval/);
    const html = await page.text();
    expect(html).not.toMatch(/<script>|https?:\/\//); // no inline script, nothing from outside
    const srcs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(srcs.sort()).toEqual([
      'docs/start.js',
      'docs/swagger-ui-bundle.js',
      'docs/swagger-ui.css',
    ]);
    for (const src of srcs) {
      const asset = await fetch(new URL(src, `${p.apiUrl}/partner/v1/docs`));
      expect(asset.status, src).toBe(200);
      expect((await asset.text()).length, src).toBeGreaterThan(100);
    }
    const start = await (await fetch(`${p.apiUrl}/partner/v1/docs/start.js`)).text();
    expect(start).toContain("url: 'openapi.json'");
    expect(start).toContain('validatorUrl: null');
    const contract = await fetch(`${p.apiUrl}/partner/v1/openapi.json`);
    expect(contract.status).toBe(200);
    // Every other answer keeps the API's own policy: nothing may load.
    expect(contract.headers.get('content-security-policy')).toMatch(/^default-src 'none'; frame/);
  });
});

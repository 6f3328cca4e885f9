import { randomUUID } from 'node:crypto';
import { createTenant, upsertSupplier } from '@switchyard/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/harness/database.ts';
import { generateSecret } from '../secrets.ts';
import { authenticateApiToken, issueApiToken, revokeTenantApiToken } from './api-tokens.ts';
import { authenticateCaller } from './caller.ts';
import { issueOauthState, redeemOauthState } from './oauth-states.ts';
import { authenticateOperatorToken, issueOperatorToken } from './operator-tokens.ts';
import {
  authenticatePartnerKey,
  issuePartnerKey,
  revokeSupplierPartnerKey,
} from './partner-keys.ts';
import { authenticateSession, startSession } from './sessions.ts';

/** Every credential is stored as a hash, proves exactly one kind of caller, and dies at once. */
describe('credentials', () => {
  let env: Awaited<ReturnType<typeof freshDatabase>>;
  let a: string;
  let b: string;
  beforeAll(async () => {
    env = await freshDatabase();
    a = await createTenant(env.db, 'A');
    b = await createTenant(env.db, 'B');
  });
  afterAll(async () => {
    await env?.close();
  });

  it('an API token names its tenant until that tenant revokes it', async () => {
    const token = await issueApiToken(env.db, a, 'ci');
    expect(token).toMatch(/^sy_live_/);
    expect(await authenticateApiToken(env.db, token)).toBe(a);
    const stored = await env.admin.selectFrom('api_tokens').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token);

    expect(await revokeTenantApiToken(env.db, b, stored.id)).toBe(false); // not B's to revoke
    expect(await authenticateApiToken(env.db, token)).toBe(a);
    expect(await revokeTenantApiToken(env.db, a, stored.id)).toBe(true);
    expect(await authenticateApiToken(env.db, token)).toBeUndefined();
    expect(await revokeTenantApiToken(env.db, a, stored.id)).toBe(false);
  });

  it('a credential of one kind never passes for another', async () => {
    const apiToken = await issueApiToken(env.db, a, 'ci');
    const operatorToken = await issueOperatorToken(env.db, 'on-call');
    const partnerKey = generateSecret('sy_pk');
    const supplierId = await upsertSupplier(env.admin, {
      code: 'f',
      name: 'F',
      endpointUrl: 'http://f',
      signingSecretEnc: 'x',
      partnerKeyHash: partnerKey.hash,
      countries: ['US'],
      carriers: ['USPS'],
    });
    expect(await authenticateOperatorToken(env.db, operatorToken)).toEqual(expect.any(String));
    expect(await authenticatePartnerKey(env.db, partnerKey.secret)).toEqual({
      id: supplierId,
      code: 'f',
      keyId: expect.any(String),
    });
    for (const other of [apiToken, partnerKey.secret])
      expect(await authenticateOperatorToken(env.db, other)).toBeUndefined();
    for (const other of [operatorToken, partnerKey.secret])
      expect(await authenticateApiToken(env.db, other)).toBeUndefined();
    for (const other of [apiToken, operatorToken])
      expect(await authenticatePartnerKey(env.db, other)).toBeUndefined();
  });

  it('a bearer token decides alone; without one the session names the tenant', async () => {
    const apiToken = await issueApiToken(env.db, a, 'ci');
    const operatorToken = await issueOperatorToken(env.db, 'on-call');
    const session = await startSession(env.db, b);
    expect(await authenticateSession(env.db, session)).toBe(b);

    expect(await authenticateCaller(env.db, { bearer: apiToken, session })).toEqual({
      tenantId: a,
      operatorId: undefined,
    });
    const operator = await authenticateCaller(env.db, { bearer: operatorToken, session });
    expect(operator).toEqual({ tenantId: undefined, operatorId: expect.any(String) });
    expect(await authenticateCaller(env.db, { bearer: 'sy_live_forged', session })).toEqual({
      tenantId: undefined,
      operatorId: undefined,
    });
    expect(await authenticateCaller(env.db, { session })).toEqual({
      tenantId: b,
      operatorId: undefined,
    });
    expect(await authenticateCaller(env.db, { session: session.repeat(4) })).toEqual({
      tenantId: undefined,
      operatorId: undefined,
    });
  });

  it('an OAuth state is redeemed once, and only by the browser it was issued to', async () => {
    const state = await issueOauthState(env.db, { browser: 'browser-1', tenantId: a });
    expect(await redeemOauthState(env.db, { state, browser: 'browser-2' })).toBeUndefined();
    expect(await redeemOauthState(env.db, { state, browser: 'browser-1' })).toEqual({
      tenantId: a,
    });
    expect(await redeemOauthState(env.db, { state, browser: 'browser-1' })).toBeUndefined();
    const anonymous = await issueOauthState(env.db, { browser: 'browser-1', tenantId: null });
    expect(await redeemOauthState(env.db, { state: anonymous, browser: 'browser-1' })).toEqual({
      tenantId: null,
    });
  });

  it('a partner key rotation: two live keys at most, the old one ends with its overlap or when revoked', async () => {
    const register = async (code: string) => {
      const key = generateSecret('sy_pk');
      const id = await upsertSupplier(env.admin, {
        code,
        name: code,
        endpointUrl: 'http://x',
        signingSecretEnc: 'x',
        partnerKeyHash: key.hash,
        countries: ['US'],
        carriers: ['USPS'],
      });
      return { id, key: key.secret };
    };
    const a = await register('rot-a');
    const b = await register('rot-b');
    const who = async (key: string) => (await authenticatePartnerKey(env.db, key))?.id;

    const next = await issuePartnerKey(env.db, a.id);
    if (!next.ok) throw new Error(next.reason);
    expect(next.previousExpireAt).toBeInstanceOf(Date);
    expect([await who(a.key), await who(next.key)]).toEqual([a.id, a.id]);
    expect(await issuePartnerKey(env.db, a.id)).toEqual({ ok: false, reason: 'PARTNER_KEYS_FULL' });

    // Not B's key to revoke; then revoked by its own supplier, it works for nobody.
    expect(await revokeSupplierPartnerKey(env.db, b.id, next.keyId)).toBe(false);
    const old = await authenticatePartnerKey(env.db, a.key);
    expect(await revokeSupplierPartnerKey(env.db, a.id, old!.keyId)).toBe(true);
    expect(await who(a.key)).toBeUndefined();
    expect(await who(next.key)).toBe(a.id);

    // An overlap of zero ends the previous key at once.
    const now = await issuePartnerKey(env.db, b.id, { overlapMs: 0 });
    if (!now.ok) throw new Error(now.reason);
    expect([await who(b.key), await who(now.key)]).toEqual([undefined, b.id]);
    expect(await issuePartnerKey(env.db, randomUUID())).toEqual({
      ok: false,
      reason: 'SUPPLIER_NOT_FOUND',
    });
  });
});

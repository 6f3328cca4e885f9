import { createTenant, upsertSupplier } from '@switchyard/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/harness/database.ts';
import { generateSecret } from '../secrets.ts';
import {
  authenticateActorSession,
  endActorSession,
  exchangeOperatorToken,
  exchangePartnerKey,
  issueSignInLink,
  redeemSignInLink,
} from './actor-sessions.ts';
import { authenticateCaller } from './caller.ts';
import { authenticateOperatorToken, issueOperatorToken } from './operator-tokens.ts';

/** Issue 12, item 6: supplier and operator sessions, one kind each; one-time sign-in links. */
describe('actor sessions and sign-in links', () => {
  let env: Awaited<ReturnType<typeof freshDatabase>>;
  let tenantId: string;
  let supplierId: string;
  let partnerKey: string;
  let operatorToken: string;
  beforeAll(async () => {
    env = await freshDatabase();
    tenantId = await createTenant(env.db, 'A');
    const key = generateSecret('sy_pk');
    partnerKey = key.secret;
    supplierId = await upsertSupplier(env.admin, {
      code: 'f',
      name: 'F',
      endpointUrl: 'http://f',
      signingSecretEnc: 'x',
      partnerKeyHash: key.hash,
      countries: ['US'],
      carriers: ['USPS'],
    });
    operatorToken = await issueOperatorToken(env.db, 'on-call');
  });
  afterAll(async () => {
    await env?.close();
  });

  it('a session names exactly one kind of caller, never a tenant', async () => {
    const supplier = (await exchangePartnerKey(env.db, partnerKey))!;
    const operator = (await exchangeOperatorToken(env.db, operatorToken))!;
    expect(await authenticateCaller(env.db, { session: supplier })).toEqual({
      tenantId: undefined,
      operatorId: undefined,
      supplierId,
    });
    const operatorId = await authenticateOperatorToken(env.db, operatorToken);
    expect(await authenticateCaller(env.db, { session: operator })).toEqual({
      tenantId: undefined,
      operatorId,
      supplierId: undefined,
    });
    // Keys of another kind sign no one in; neither does a session's own token.
    expect(await exchangePartnerKey(env.db, operatorToken)).toBeUndefined();
    expect(await exchangeOperatorToken(env.db, partnerKey)).toBeUndefined();
    expect(await exchangeOperatorToken(env.db, supplier)).toBeUndefined();
    const stored = await env.admin.selectFrom('actor_sessions').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(supplier);
    await endActorSession(env.db, supplier);
    expect(await authenticateActorSession(env.db, supplier)).toBeUndefined();
  });

  it('a supplier session ends with its supplier, an operator session with its token', async () => {
    const supplier = (await exchangePartnerKey(env.db, partnerKey))!;
    const operator = (await exchangeOperatorToken(env.db, operatorToken))!;
    await sql`update suppliers set active = false where id = ${supplierId}`.execute(env.admin);
    expect(await authenticateActorSession(env.db, supplier)).toBeUndefined();
    await sql`update suppliers set active = true where id = ${supplierId}`.execute(env.admin);
    await sql`update operator_tokens set revoked_at = now()`.execute(env.admin);
    expect(await authenticateActorSession(env.db, operator)).toBeUndefined();
  });

  it('a link is redeemed once, before it expires, for a session of its subject', async () => {
    const link = await issueSignInLink(env.db, { kind: 'tenant', tenantId });
    const r = await redeemSignInLink(env.db, link);
    expect(r).toMatchObject({ kind: 'tenant' });
    expect(await authenticateCaller(env.db, { session: r!.session })).toMatchObject({ tenantId });
    expect(await redeemSignInLink(env.db, link)).toBeUndefined();
    const late = await issueSignInLink(env.db, { kind: 'supplier', supplierId }, -1);
    expect(await redeemSignInLink(env.db, late)).toBeUndefined();
    expect(await redeemSignInLink(env.db, 'x'.repeat(10_000))).toBeUndefined();
    const rows = await env.admin.selectFrom('sign_in_links').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(link);
  });
});

import {
  createTenant,
  setSupplierConnector,
  upsertOrder,
  upsertShop,
  upsertSupplier,
  withTenant,
} from '@switchyard/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/harness/database.ts';
import { decrypt, encrypt, generateKeySpec, keyIdOf, parseKeyring } from './encryption.ts';
import { rotateEncryptionKeys } from './key-rotation.ts';

describe('encryption key rotation', () => {
  let env: Awaited<ReturnType<typeof freshDatabase>>;
  const oldSpec = generateKeySpec('k1');
  const newSpec = generateKeySpec('k2');
  const oldRing = parseKeyring(oldSpec);
  const ring = parseKeyring(`${newSpec},${oldSpec}`); // new key first: it encrypts, both decrypt

  beforeAll(async () => {
    env = await freshDatabase();
    for (const name of ['A', 'B']) {
      const tenantId = await createTenant(env.db, name);
      await withTenant(env.db, tenantId, async (trx) => {
        const shopId = await upsertShop(trx, {
          tenantId,
          platformShopId: `shop-${name}`,
          name,
          region: 'US',
          cipher: 'c',
          accessTokenEnc: encrypt(oldRing, `TTP_access_${name}`),
          refreshTokenEnc: encrypt(oldRing, `TTP_refresh_${name}`),
          accessExpiresAt: new Date(),
          refreshExpiresAt: new Date(),
        });
        await upsertOrder(trx, {
          tenantId,
          shopId,
          platformOrderId: `o-${name}`,
          workflowId: 'wf',
          status: 'received',
          shipCountry: 'US',
          currency: 'USD',
          totalMinor: 1n,
          lines: [],
          recipientEnc: encrypt(oldRing, `{"name":"Buyer ${name}"}`),
          shipBy: null,
        });
      });
    }
    const supplierId = await upsertSupplier(env.admin, {
      code: 's',
      name: 's',
      endpointUrl: 'http://x',
      signingSecretEnc: encrypt(oldRing, 'whsec_x'),
      partnerKeyHash: 'h',
      countries: ['US'],
      carriers: ['USPS'],
    });
    // A file supplier's SFTP password (R-RT-2) is a secret like the others.
    await setSupplierConnector(env.admin, supplierId, 'file_sftp', {
      scheduleMinutes: [540],
      sftp: {
        host: 'h',
        port: 22,
        user: 'u',
        uploadDir: '/in',
        outboxDir: '/out',
        hostKeySha256: `SHA256:${'A'.repeat(43)}`,
        passwordEnc: encrypt(oldRing, 'sftp-pass'),
        privateKeyEnc: null,
      },
    });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('re-encrypts every value of every tenant under the new key, keeping the plaintext', async () => {
    const counts = await rotateEncryptionKeys(env.admin, ring);
    expect(counts).toEqual({
      shops: 4,
      suppliers: 1,
      supplier_file_settings: 1,
      orders: 2,
      imported_orders: 0,
    });
    const shops = await env.admin
      .selectFrom('shops')
      .select(['name', 'access_token_enc', 'refresh_token_enc'])
      .orderBy('name')
      .execute();
    for (const s of shops) {
      expect(keyIdOf(s.access_token_enc!)).toBe('k2');
      expect(decrypt(ring, s.access_token_enc!)).toBe(`TTP_access_${s.name}`);
      expect(decrypt(ring, s.refresh_token_enc!)).toBe(`TTP_refresh_${s.name}`);
      expect(() => decrypt(oldRing, s.access_token_enc!)).toThrow(/unknown key/); // the old key alone no longer reads them
    }
    const orders = await env.admin.selectFrom('orders').select('recipient_enc').execute();
    for (const o of orders) expect(keyIdOf(o.recipient_enc!)).toBe('k2');
    const supplier = await env.admin
      .selectFrom('suppliers')
      .select('signing_secret_enc')
      .executeTakeFirstOrThrow();
    expect(decrypt(ring, supplier.signing_secret_enc)).toBe('whsec_x');
    const file = await env.admin
      .selectFrom('supplier_file_settings')
      .select('sftp_password_enc')
      .executeTakeFirstOrThrow();
    expect(keyIdOf(file.sftp_password_enc!)).toBe('k2');
    expect(decrypt(ring, file.sftp_password_enc!)).toBe('sftp-pass');
  });

  it('is idempotent: a second run has nothing to do', async () => {
    expect(await rotateEncryptionKeys(env.admin, ring)).toEqual({
      shops: 0,
      suppliers: 0,
      supplier_file_settings: 0,
      orders: 0,
      imported_orders: 0,
    });
  });
});

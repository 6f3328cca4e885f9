import type { AppRouter } from '@switchyard/api';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../harness/platform.ts';

/** Tenants issue, list and revoke API tokens for their own systems; never across tenants. */
describe('tenant API tokens', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform({ tenants: 2 });
  });
  afterAll(async () => {
    await p?.close();
  });
  const client = (token: string) =>
    createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({ url: `${p.apiUrl}/trpc`, headers: { authorization: `Bearer ${token}` } }),
      ],
    });

  it('shows a new token once, lists it by prefix only, and a revoked token stops working at once', async () => {
    const [a, b] = p.tenants;
    const { token } = await client(a!.apiToken).apiTokens.create.mutate({ name: 'ERP' });
    expect(token).toMatch(/^sy_live_/);
    expect((await client(token).orders.list.query({})).items).toEqual([]);

    const listed = await client(a!.apiToken).apiTokens.list.query();
    const erp = listed.items.find((t) => t.name === 'ERP')!;
    expect(token.startsWith(erp.prefix)).toBe(true);
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(
      (await p.admin.selectFrom('api_tokens').select('token_hash').execute()).map(
        (r) => r.token_hash,
      ),
    ).not.toContain(token);

    // Another tenant can neither see nor revoke it.
    expect((await client(b!.apiToken).apiTokens.list.query()).items.map((t) => t.id)).not.toContain(
      erp.id,
    );
    await expect(client(b!.apiToken).apiTokens.revoke.mutate({ id: erp.id })).rejects.toThrow(
      /no such active token/,
    );
    expect((await client(token).orders.list.query({})).items).toEqual([]);

    await client(a!.apiToken).apiTokens.revoke.mutate({ id: erp.id });
    await expect(client(token).orders.list.query({})).rejects.toThrow(
      /tenant API token is required/,
    );
    await expect(client(a!.apiToken).apiTokens.revoke.mutate({ id: erp.id })).rejects.toThrow(
      /no such active token/,
    );
  });
});

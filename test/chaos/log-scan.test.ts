import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buyerNeedles, scanLogs, secretNeedles } from './log-scan.ts';

/** The scanner the chaos suite relies on finds what is planted, and only that. */
describe('log scan for buyer data and secrets', () => {
  let dir: string;
  const recipient = {
    name: 'Olivia Martinez',
    phone_number: '(+1)415555' + '0142',
    address_line1: '1600 Amphitheatre Pkwy',
    address_detail: '1600 Amphitheatre Pkwy Apt 7',
    full_address: '1600 Amphitheatre Pkwy, Apt 7, Mountain View, CA, 94043, United States',
  };
  const secrets = {
    TTS_APP_SECRET: 'f3a9c1d2e4b5a6978877665544332211',
    ENCRYPTION_KEYS: 'dev1:c2VjcmV0LWtleS1tYXRlcmlhbC0zMi1ieXRlcy0hIQ==',
    SHORT: 'abc',
  };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'log-scan-'));
    await writeFile(
      join(dir, 'api.log'),
      [
        '{"level":30,"msg":"order received","orderId":"5770000000000000001"}',
        '{"level":30,"msg":"shipping to Olivia Martinez"}',
        '{"level":40,"msg":"bad phone 4155550142"}',
      ].join('\n'),
    );
    await writeFile(
      join(dir, 'worker.log'),
      '{"level":50,"msg":"decrypt failed","key":"c2VjcmV0LWtleS1tYXRlcmlhbC0zMi1ieXRlcy0hIQ=="}\nabc abc\n',
    );
    await writeFile(join(dir, 'sim-tiktok-shop.log'), 'token ROW_7Hx9aQ2bP4kL8mN1vC3\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports every planted value by kind, file and line; never the value itself', async () => {
    const needles = [
      ...buyerNeedles([recipient]),
      ...secretNeedles(secrets, ['ROW_7Hx9aQ2bP4kL8mN1vC3']),
    ];
    const hits = await scanLogs(dir, needles);
    expect(hits.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)).toEqual([
      { file: 'api.log', line: 2, kind: 'buyer name' },
      { file: 'api.log', line: 3, kind: 'buyer phone' },
      { file: 'sim-tiktok-shop.log', line: 1, kind: 'marketplace access/refresh token' },
      { file: 'worker.log', line: 1, kind: 'ENCRYPTION_KEYS (part)' },
    ]);
    expect(JSON.stringify(hits)).not.toContain('Olivia');
  });

  it('finds nothing in logs without them', async () => {
    const needles = buyerNeedles([
      { ...recipient, name: 'Noah Fischer', phone_number: '(+1)2125550199' },
    ]);
    const hits = await scanLogs(
      dir,
      needles.filter((n) => n.kind !== 'street line' && n.kind !== 'full address'),
    );
    expect(hits).toEqual([]);
  });
});

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../harness/platform.ts';
import { ensureSchemathesis, SCHEMATHESIS_WORKDIR } from '../harness/schemathesis.ts';
import { openDispatch } from './bad-input/helpers.ts';

const run = promisify(execFile);

/** What must hold for every request the fuzzer makes, valid or not. */
const CHECKS = [
  'not_a_server_error', // no 5xx for anything a client can send
  'status_code_conformance', // every status is one the contract lists for the route
  'content_type_conformance',
  'response_schema_conformance', // every body matches the contract's schema for its status
];

/**
 * The partner API fuzzed from its own OpenAPI document by Schemathesis (PyPI): requests built
 * from the schemas, valid and deliberately invalid, against a real listening api on real
 * PostgreSQL with an open dispatch to act on. Seeded, so a failure replays.
 */
describe('partner API under a schema-driven fuzzer', () => {
  let p: Platform;
  let st: string;
  beforeAll(async () => {
    [st, p] = await Promise.all([
      ensureSchemathesis(),
      startPlatform({ supplierBehaviour: { mode: 'silent' } }),
    ]);
    await openDispatch(p);
  }, 400_000);
  afterAll(async () => {
    await p?.close();
  });

  it('answers no request with a 5xx or outside its contract', async () => {
    const args = [
      'run',
      `${p.apiUrl}/partner/v1/openapi.json`,
      '--url',
      `${p.apiUrl}/partner/v1`,
      '--header',
      `Authorization: Bearer ${p.partnerKey}`,
      '--checks',
      CHECKS.join(','),
      '--max-examples',
      '40',
      '--seed',
      '20261130',
      '--workers',
      '1',
      '--no-color',
    ];
    const result = await run(st, args, {
      cwd: SCHEMATHESIS_WORKDIR,
      timeout: 240_000,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_HOOKS: '' },
    }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (err: { code?: number; stdout?: string; stderr?: string }) => ({
        code: err.code ?? -1,
        out: `${err.stdout ?? ''}\n${err.stderr ?? ''}`,
      }),
    );
    expect(result.code, result.out.slice(-20_000)).toBe(0);
  }, 300_000);
});

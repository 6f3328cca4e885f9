import { describe, expect, it } from 'vitest';
import { parseWorkerEnv } from './env.ts';
import { workerTuning } from './worker.ts';

const REQUIRED = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
  TTS_API_URL: 'http://127.0.0.1:1',
  TTS_AUTH_URL: 'http://127.0.0.1:1',
  TTS_APP_KEY: 'k',
  TTS_APP_SECRET: 's',
  ENCRYPTION_KEYS: 'k1:AAAA',
  PARTNER_API_URL: 'http://127.0.0.1:2/partner/v1',
  CARRIER_API_URL: 'http://127.0.0.1:3',
  CARRIER_API_KEY: 'ck_test_key',
};

describe('worker tuning from the environment', () => {
  it('leaves the SDK defaults alone when nothing is set, but drains for 30 s', () => {
    expect(workerTuning(parseWorkerEnv(REQUIRED))).toEqual({ shutdownGraceTime: 30_000 });
  });

  it('passes on the slots, pollers and cache it is given', () => {
    const env = parseWorkerEnv({
      ...REQUIRED,
      WORKER_MAX_CACHED_WORKFLOWS: '2000',
      WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: '50',
      WORKER_WORKFLOW_TASK_POLLERS: '4',
    });
    expect(workerTuning(env)).toEqual({
      maxCachedWorkflows: 2000,
      maxConcurrentLocalActivityExecutions: 50,
      maxConcurrentWorkflowTaskPolls: 4,
      shutdownGraceTime: 30_000,
    });
  });

  it('refuses a workflow task slot count the SDK cannot run a cache with', () => {
    expect(() =>
      parseWorkerEnv({ ...REQUIRED, WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '1' }),
    ).toThrow();
  });
});

describe('operator webhook settings (issue 10 item 4)', () => {
  const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
  it('takes a URL with its signing secret, or neither', () => {
    expect(parseWorkerEnv(REQUIRED).OPERATOR_WEBHOOK_URL).toBeUndefined();
    const env = parseWorkerEnv({
      ...REQUIRED,
      OPERATOR_WEBHOOK_URL: 'https://oncall.example/hooks/switchyard',
      OPERATOR_WEBHOOK_SECRET: secret,
    });
    expect(env.OPERATOR_WEBHOOK_SECRET).toBe(secret);
  });

  it('refuses one without the other, and a secret not in whsec_ form', () => {
    expect(() =>
      parseWorkerEnv({ ...REQUIRED, OPERATOR_WEBHOOK_URL: 'https://oncall.example/h' }),
    ).toThrow(/set together/);
    expect(() => parseWorkerEnv({ ...REQUIRED, OPERATOR_WEBHOOK_SECRET: secret })).toThrow();
    expect(() =>
      parseWorkerEnv({
        ...REQUIRED,
        OPERATOR_WEBHOOK_URL: 'https://oncall.example/h',
        OPERATOR_WEBHOOK_SECRET: 'hunter2',
      }),
    ).toThrow();
  });
});

import { readFile } from 'node:fs/promises';
import { freePort } from '@switchyard/infra/ports';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { inject } from 'vitest';
import './provided.ts';
import { installQuietRuntime } from './runtime.ts';

/**
 * Temporal's time-skipping test server (hours pass in milliseconds) with the workflow bundle
 * built once by the global setup: for tests of the workflows' clocks.
 */
export async function startTimeSkipping(): Promise<{
  env: TestWorkflowEnvironment;
  bundle: { code: string };
}> {
  installQuietRuntime();
  const path = inject('temporalTestServerPath');
  if (!path) throw new Error('the bootstrap found no time-skipping test server binary');
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    // Left to itself the SDK takes a port from the ephemeral range, which any other listener
    // of a parallel run may take before the server binds it.
    server: { executable: { type: 'existing-path', path }, port: await freePort() },
  });
  return { env, bundle: { code: await readFile(inject('workflowBundlePath'), 'utf8') } };
}

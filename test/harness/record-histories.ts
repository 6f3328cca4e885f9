/**
 * Records the histories of the order workflow's representative runs into the workflows
 * package (`test-histories/`), where the replay test runs them against every later version of
 * the code. Run it when a new input version or a new scenario appears; histories already stored
 * are kept, because they stand for workflows that older code started:
 *   pnpm --filter @switchyard/test record-histories
 */
import { ensureTemporal } from '@switchyard/infra/bootstrap';
import { freePort } from '@switchyard/infra/ports';
import { workflowsPath } from '@switchyard/workflows';
import {
  isHistoryStored,
  ORDER_SCENARIOS,
  type OrderScenarioName,
  recordOrderScenario,
  scenarioInput,
  storeHistory,
} from '@switchyard/workflows/testing';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode } from '@temporalio/worker';
import { installQuietRuntime, quietBundlerLogger } from './runtime.ts';

installQuietRuntime();
const path = ensureTemporal().testServer;
if (!path) throw new Error('no time-skipping test server binary; run `pnpm bootstrap`');
const env = await TestWorkflowEnvironment.createTimeSkipping({
  server: { executable: { type: 'existing-path', path }, port: await freePort() },
});
try {
  const bundle = await bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger });
  for (const name of Object.keys(ORDER_SCENARIOS) as OrderScenarioName[]) {
    const version = scenarioInput(name).version;
    if (isHistoryStored('order', name, version)) continue;
    const { result, history } = await recordOrderScenario(env, bundle, name);
    const file = await storeHistory('order', name, version, history);
    console.log(`${file}: ${result.status}, ${history.events?.length} events`);
  }
} finally {
  await env.teardown();
}

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, migrateToLatest } from '@switchyard/db/migrate';
import { ensureTemporal } from '@switchyard/infra/bootstrap';
import { ensureTemporalServer } from '@switchyard/infra/bootstrap-server';
import { startEmbeddedPostgres } from '@switchyard/infra/postgres';
import { describeMode, startTemporal, temporalMode } from '@switchyard/infra/temporal-mode';
import { workflowsPath } from '@switchyard/workflows';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import './provided.ts';
import { quietBundlerLogger } from './runtime.ts';

export const TEMPLATE_DB = 'switchyard_template';
export const APP_PASSWORD = 'switchyard-app-test';

/**
 * One real PostgreSQL and one real Temporal server per test run: the dev server, or with
 * `SWITCHYARD_TEMPORAL=postgres` the Temporal server on that PostgreSQL. Migrations run once into
 * a template database; each test file clones it (CREATE DATABASE … TEMPLATE), so files run in
 * parallel without seeing each other's rows. The workflow bundle is built once too.
 */
export default async function setup(project: TestProject) {
  const started = Date.now();
  const log = (m: string) => console.log(`[harness] ${m}`);
  const mode = temporalMode();
  const pgStarting = startEmbeddedPostgres(log);
  // The tests that start their own PostgreSQL-backed server need it built (minutes when cold,
  // too long for a test's hook). If it cannot be, those tests fail with the reason; the rest run.
  const serverBuild = ensureTemporalServer(log).then(
    () => undefined,
    (err: Error) => err.message,
  );
  const [pg, temporal, temporalServerProblem] = await Promise.all([
    pgStarting,
    startTemporal(mode, { adminUrl: pgStarting.then((p) => p.adminUrl), log }),
    serverBuild,
  ]);
  const templateUrl = await createDatabase(pg.adminUrl, TEMPLATE_DB);
  await migrateToLatest(templateUrl, APP_PASSWORD);
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger });
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-bundle-'));
  const workflowBundlePath = join(dir, 'workflows.js');
  await writeFile(workflowBundlePath, code);
  project.provide('pgAdminUrl', pg.adminUrl);
  project.provide('temporalAddress', temporal.address);
  project.provide('workflowBundlePath', workflowBundlePath);
  project.provide('temporalTestServerPath', ensureTemporal(() => {}).testServer);
  project.provide('temporalServerProblem', temporalServerProblem);
  console.log(
    `[harness] postgres :${pg.port}, ${describeMode(mode)} ${temporal.address}, ready in ${Date.now() - started} ms`,
  );
  return async () => {
    await Promise.all([temporal.stop(), pg.stop(), rm(dir, { recursive: true, force: true })]);
  };
}

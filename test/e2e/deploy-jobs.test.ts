import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { authenticateOperatorToken } from '@switchyard/auth/credentials';
import { createDb } from '@switchyard/db';
import { createDatabase } from '@switchyard/db/migrate';
import { Connection } from '@temporalio/client';
import { describe, expect, inject, it } from 'vitest';
import { APP_PASSWORD } from '../harness/global-setup.ts';

/**
 * The one-off jobs a deployment runs from the api image (infra/compose, infra/k8s), run the way
 * the image runs them (`node --import tsx …` from the repository root) on a real PostgreSQL and
 * Temporal: the migration on an empty database, an operator token that the api then accepts,
 * and the namespace registration, twice, as a restarted job would.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
function job(script: string, env: Record<string, string>, args: string[] = []) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`${script} exited ${run.status}: ${run.stderr}`);
  return run.stdout.trim();
}

describe('deployment jobs', () => {
  it('migrate builds an empty database; operator-token issues a token the api accepts', async () => {
    const adminUrl = await createDatabase(
      inject('pgAdminUrl'),
      `deploy_${randomBytes(5).toString('hex')}`,
    );
    // The application role is shared by every database of the server: keep its password.
    const env = { DATABASE_ADMIN_URL: adminUrl, APP_DB_PASSWORD: APP_PASSWORD };
    expect(JSON.parse(job('infra/src/migrate.ts', env))).toEqual({
      msg: 'migrated',
      appRole: 'switchyard_app',
    });
    // Again, as a re-run Job: nothing left to apply.
    job('infra/src/migrate.ts', env);

    const token = job('infra/src/operator-token.ts', { DATABASE_ADMIN_URL: adminUrl }, ['on-call']);
    expect(token).toMatch(/^sy_op_/);
    const app = new URL(adminUrl);
    app.username = 'switchyard_app';
    app.password = APP_PASSWORD;
    const db = createDb(app.toString(), { max: 1 });
    try {
      expect(await authenticateOperatorToken(db, token)).toEqual(expect.any(String));
      expect(await authenticateOperatorToken(db, `${token}x`)).toBeUndefined();
    } finally {
      await db.destroy();
    }
    expect(() => job('infra/src/operator-token.ts', { DATABASE_ADMIN_URL: adminUrl })).toThrow(
      /usage: pnpm operator-token/,
    );
  });

  it('temporal:namespace registers a namespace, and a second run leaves it be', async () => {
    const namespace = `deploy-${randomBytes(4).toString('hex')}`;
    const env = { TEMPORAL_ADDRESS: inject('temporalAddress'), TEMPORAL_NAMESPACE: namespace };
    expect(JSON.parse(job('infra/src/temporal-namespace.ts', env)).msg).toBe(
      'namespace registered',
    );
    expect(JSON.parse(job('infra/src/temporal-namespace.ts', env)).msg).toBe('namespace exists');
    const connection = await Connection.connect({ address: inject('temporalAddress') });
    try {
      const described = await connection.workflowService.describeNamespace({ namespace });
      expect(described.namespaceInfo?.name).toBe(namespace);
    } finally {
      await connection.close();
    }
  });
});

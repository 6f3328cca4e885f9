import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

const imports = (...specs: string[]) =>
  `${specs.map((s, i) => `import * as m${i} from '${s}';`).join('\n')}\nexport const all = [${specs.map((_, i) => `m${i}`).join(', ')}];\n`;

/**
 * A small tree that breaks each layering rule of `pnpm lint` (.dependency-cruiser.cjs) once,
 * beside imports that keep them. Every rule must fire exactly where it should: a rule that
 * silently stopped matching would otherwise pass every lint run.
 */
const TREE: Record<string, string> = {
  'packages/domain/src/util.ts': 'export const x = 1;\n',
  'packages/domain/src/ok.ts': imports('./util.ts', 'node:events'),
  'packages/domain/src/reads-files.ts': imports('node:fs'),
  'packages/domain/src/uses-db.ts': imports('../../db/src/index.ts'),
  'packages/domain/src/testing/corpus.ts': 'export const corpus = [];\n',
  'packages/db/src/index.ts': imports('../../domain/src/util.ts'),
  'packages/db/src/calls-service.ts': imports('../../../services/api/src/app.ts'),
  'packages/db/src/uses-sim.ts': imports('../../../test/sims/tts/src/sim.ts'),
  'packages/db/src/uses-corpus.ts': imports('../../domain/src/testing/corpus.ts'),
  'packages/db/src/db.test.ts': imports('../../../test/sims/tts/src/sim.ts'),
  'test/sims/tts/src/sim.ts': 'export const sim = 1;\n',
  'services/api/src/app.ts': imports('../../../packages/db/src/index.ts'),
  'services/worker/src/main.ts': imports('../../api/src/app.ts'),
  'services/api/src/index.ts': 'export type AppRouter = { r: 1 };\nexport const createApp = 1;\n',
  'services/portal/src/client.ts':
    "import type { AppRouter } from '../../api/src/index.ts';\nexport type R = AppRouter;\n",
  'services/portal/src/uses-app.ts': imports('../../api/src/index.ts'),
  'services/portal/src/deep-type.ts':
    "import type { AppRouter } from '../../api/src/app.ts';\nexport type R = AppRouter;\n",
  'services/portal/src/uses-db.ts': imports('../../../packages/db/src/index.ts'),
  'workflows/src/shared/clock.ts': 'export const clock = 1;\n',
  'workflows/src/order/activities.ts': 'export const acts = 1;\nexport type Acts = { a: 1 };\n',
  'workflows/src/order/workflows.ts':
    "import type { Acts } from './activities.ts';\nimport { acts } from './activities.ts';\nimport { clock } from '../shared/clock.ts';\nexport const w: [Acts | undefined, number, number] = [undefined, acts, clock];\n",
  'workflows/src/shop/workflows.ts': imports('node:crypto'),
  'workflows/src/shop/activities.ts': imports('../order/activities.ts', '../shared/clock.ts'),
  'workflows/src/imports/client.ts': imports('../../../services/api/src/app.ts'),
  'tsconfig.base.json': JSON.stringify({
    compilerOptions: {
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      allowImportingTsExtensions: true,
    },
  }),
};

describe('layering lint', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchyard-layering-'));
    for (const [path, text] of Object.entries(TREE)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('rejects each forbidden import, and only those', async () => {
    const depcruise = join(ROOT, 'node_modules/.bin/depcruise');
    const args = ['packages', 'services', 'workflows', 'test'];
    const config = ['--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json'];
    // depcruise exits non-zero when it finds violations, which is what this tree is for.
    const out = await run(depcruise, [...args, ...config], { cwd: dir }).catch(
      (err: { stdout: string }) => err,
    );
    const { summary } = JSON.parse(out.stdout) as {
      summary: { violations: Array<{ from: string; to: string; rule: { name: string } }> };
    };
    expect(summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort()).toEqual(
      [
        'domain-is-pure: packages/domain/src/uses-db.ts → packages/db/src/index.ts',
        'domain-no-io-builtins: packages/domain/src/reads-files.ts → fs',
        'packages-below-services: packages/db/src/calls-service.ts → services/api/src/app.ts',
        'packages-below-services: packages/db/src/uses-sim.ts → test/sims/tts/src/sim.ts',
        'runtime-without-test-support: packages/db/src/uses-corpus.ts → packages/domain/src/testing/corpus.ts',
        'runtime-without-test-support: packages/db/src/uses-sim.ts → test/sims/tts/src/sim.ts',
        'services-independent: services/worker/src/main.ts → services/api/src/app.ts',
        'portal-imports-api-types-only: services/portal/src/uses-app.ts → services/api/src/index.ts',
        'portal-knows-only-the-api-router-type: services/portal/src/deep-type.ts → services/api/src/app.ts',
        'portal-knows-only-the-api-router-type: services/portal/src/uses-db.ts → packages/db/src/index.ts',
        'workflow-code-imports-types-of-activities: workflows/src/order/workflows.ts → workflows/src/order/activities.ts',
        'workflow-code-no-node-modules: workflows/src/shop/workflows.ts → crypto',
        'workflow-families-apart: workflows/src/shop/activities.ts → workflows/src/order/activities.ts',
        'workflows-below-services: workflows/src/imports/client.ts → services/api/src/app.ts',
      ].sort(),
    );
  });
});

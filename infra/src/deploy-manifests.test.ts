import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedManifestCheck } from './bootstrap-manifest-check.ts';
import { TEMPORAL_SERVER_VERSION } from './bootstrap-temporal-server.ts';
import {
  COMPOSE_FILE,
  deploymentEnv,
  envProblems,
  K8S_APP,
  K8S_SECRETS_EXAMPLE,
  type K8sObject,
  ROOT,
  runManifestCheck,
  type Service,
  TEMPORAL_VALUES,
} from './deploy-manifests.ts';

// The compose file and the Kubernetes manifests, rendered and strictly validated without a
// cluster or a Docker daemon (infra/tools/manifest-check, built by `pnpm run bootstrap`).
// Outside CI a machine without the tool skips; under CI=true a missing tool fails.
const tool = cachedManifestCheck();
const required = process.env.CI === 'true';
const SERVICES: Service[] = ['api', 'worker', 'billing'];

describe('the deployment tool is there', () => {
  it.runIf(required)('manifest-check was built by pnpm run bootstrap', () => {
    expect(tool, 'run `pnpm run bootstrap` (needs Go and the Go module proxy)').toBeDefined();
  });
});

describe.skipIf(!tool && !required)('Kubernetes manifests (infra/k8s)', () => {
  let objects: K8sObject[];
  let secrets: K8sObject[];
  beforeAll(() => {
    objects = runManifestCheck(tool!, 'kustomize', K8S_APP);
    secrets = runManifestCheck(tool!, 'kustomize', K8S_SECRETS_EXAMPLE);
  });
  const of = (kind: string) => objects.filter((o) => o.kind === kind);
  const deployment = (name: string) => of('Deployment').find((d) => d.metadata.name === name)!;

  it('renders api, worker and billing into the switchyard namespace, with no secret values', () => {
    expect(of('Deployment').map((d) => d.metadata.name)).toEqual(SERVICES);
    expect(of('Secret')).toEqual([]);
    for (const o of objects.filter((o) => o.kind !== 'Namespace'))
      expect(o.metadata.namespace, `${o.kind} ${o.metadata.name}`).toBe('switchyard');
    for (const s of secrets)
      for (const value of Object.values(s.stringData ?? {})) expect(value).toMatch(/REPLACE_ME/);
  });

  it.each(SERVICES)('%s: probes, requests and limits, non-root, a PDB and an HPA', (name) => {
    const d = deployment(name);
    const pod = d.spec.template.spec;
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    for (const c of pod.containers) {
      expect(c.readinessProbe, `${name} readiness`).toBeDefined();
      expect(c.livenessProbe, `${name} liveness`).toBeDefined();
      expect(c.resources.requests).toMatchObject({
        cpu: expect.any(String),
        memory: expect.any(String),
      });
      expect(c.resources.limits.memory).toEqual(expect.any(String));
    }
    const labels = d.spec.selector.matchLabels;
    expect(pod.containers.length).toBeGreaterThan(0);
    const pdb = of('PodDisruptionBudget').find((p) => p.metadata.name === name);
    expect(pdb?.spec.selector.matchLabels).toEqual(labels);
    const hpa = of('HorizontalPodAutoscaler').find((h) => h.metadata.name === name);
    expect(hpa?.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
    expect(hpa?.spec.metrics).toContainEqual(
      expect.objectContaining({
        type: 'Resource',
        resource: expect.objectContaining({ name: 'cpu' }),
      }),
    );
  });

  it('scales the worker on its task queue backlog as well as CPU', () => {
    const hpa = of('HorizontalPodAutoscaler').find((h) => h.metadata.name === 'worker')!;
    const external = hpa.spec.metrics.find((m: { type: string }) => m.type === 'External');
    expect(external.external.metric).toEqual({
      name: 'temporal_task_queue_backlog',
      selector: { matchLabels: { task_queue: 'orders' } },
    });
  });

  it("probes the worker's own operations listener: /healthz to live, /readyz to be ready", () => {
    const d = deployment('worker');
    const env = deploymentEnv(d, [...objects, ...secrets]);
    const [c] = d.spec.template.spec.containers;
    const port = c.ports.find((p: { name: string }) => p.name === 'ops');
    expect(port?.containerPort).toBe(Number(env.OPS_PORT));
    // The kubelet probes the pod's address, not its loopback.
    expect(env.OPS_HOST).toBe('0.0.0.0');
    expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'ops' });
    expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'ops' });
  });

  it('gives a draining worker longer than its shutdown grace before SIGKILL', () => {
    const d = deployment('worker');
    const env = deploymentEnv(d, [...objects, ...secrets]);
    const graceMs = Number(env.WORKER_SHUTDOWN_GRACE_MS);
    expect(graceMs).toBeGreaterThan(0);
    expect(d.spec.template.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(graceMs);
  });

  it.each(SERVICES)('%s: its environment is exactly what its env.ts reads and parses', (name) => {
    expect(envProblems(name, deploymentEnv(deployment(name), [...objects, ...secrets]))).toEqual(
      [],
    );
  });

  it('the api Service and Ingress reach the api pods', () => {
    const svc = of('Service').find((s) => s.metadata.name === 'api')!;
    expect(svc.spec.selector).toEqual(deployment('api').spec.selector.matchLabels);
    const ingress = of('Ingress').find((i) => i.metadata.name === 'api')!;
    expect(ingress.spec.rules[0].http.paths[0].backend.service.name).toBe('api');
  });
});

describe.skipIf(!tool && !required)('compose file (infra/compose)', () => {
  // biome-ignore lint/suspicious/noExplicitAny: the resolved compose project, read field by field
  let project: any;
  beforeAll(() => {
    project = runManifestCheck(tool!, 'compose', COMPOSE_FILE);
  });

  it('has PostgreSQL, Temporal with its schema job and UI, and the services', () => {
    expect(Object.keys(project.services)).toEqual(
      expect.arrayContaining([
        'postgres',
        'temporal-schema',
        'temporal',
        'temporal-ui',
        'migrate',
        ...SERVICES,
      ]),
    );
    expect(project.services.temporal.depends_on['temporal-schema'].condition).toBe(
      'service_completed_successfully',
    );
  });

  it.each(SERVICES)('%s: its environment is exactly what its env.ts reads and parses', (name) => {
    expect(envProblems(name, project.services[name].environment)).toEqual([]);
  });

  it('keeps only development placeholders in the committed secrets', () => {
    const dir = join(ROOT, 'infra', 'compose', 'dev-secrets');
    for (const file of ['api.env', 'worker.env', 'billing.env', 'migrate.env', 'temporal.env']) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        const [name, value] = line.split(/=(.*)/s);
        if (!value || name!.startsWith('#') || name === 'POSTGRES_USER') continue;
        expect(value, `${file} ${name}`).toMatch(/placeholder|^dev:A{43}=$/);
      }
    }
  });
});

// Temporal's chart is not in a package registry, so it is not rendered here; its values are
// held to the server the project builds and to the design they implement.
describe.skipIf(!tool && !required)("Temporal's Helm values (infra/k8s/temporal)", () => {
  // biome-ignore lint/suspicious/noExplicitAny: a values file, read field by field
  let values: any;
  beforeAll(() => {
    values = runManifestCheck(tool!, 'yaml', TEMPORAL_VALUES);
  });

  it('run the server version the project builds and tests against', () => {
    expect(values.server.image).toEqual({
      repository: 'temporalio/server',
      tag: TEMPORAL_SERVER_VERSION.replace(/^v/, ''),
    });
  });

  it('keep persistence and visibility on PostgreSQL, the password in a Secret', () => {
    const secrets = runManifestCheck(tool!, 'kustomize', K8S_SECRETS_EXAMPLE) as K8sObject[];
    for (const store of ['default', 'visibility']) {
      const sql = values.server.config.persistence[store];
      expect(sql.driver).toBe('sql');
      expect(sql.sql.driver).toBe('postgres12');
      expect(sql.sql.password).toBeUndefined();
      const secret = secrets.find((s) => s.metadata.name === sql.sql.existingSecret);
      expect(secret?.metadata.namespace).toBe('temporal');
      expect(Object.keys(secret?.stringData ?? {})).toEqual(['password']);
    }
    for (const off of ['cassandra', 'mysql', 'elasticsearch', 'prometheus', 'grafana'])
      expect(values[off].enabled, off).toBe(false);
  });

  it('choose the history shard count that docs/scale-out.md derives', () => {
    const shards = values.server.config.numHistoryShards;
    expect(Number.isInteger(shards) && shards >= 512).toBe(true);
    const design = readFileSync(join(ROOT, 'docs', 'scale-out.md'), 'utf8');
    expect(design).toContain(`**${shards.toLocaleString('en-US')}**`);
  });
});

// A check that cannot fail would prove nothing: each kind of mistake is made once.
describe.skipIf(!tool && !required)('the checks catch a broken deployment file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchyard-manifests-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const broken = (from: string, file: string, edit: (s: string) => string) => {
    const copy = join(dir, `${Math.random().toString(36).slice(2)}`);
    cpSync(from, copy, { recursive: true });
    writeFileSync(join(copy, file), edit(readFileSync(join(copy, file), 'utf8')));
    return copy;
  };

  it('a misspelt Kubernetes field', () => {
    const copy = broken(K8S_APP, 'api.yaml', (s) => s.replace('readinessProbe:', 'readinesProbe:'));
    expect(() => runManifestCheck(tool!, 'kustomize', copy)).toThrow(
      /unknown field.*readinesProbe/,
    );
  });

  it('a value of the wrong type', () => {
    const copy = broken(K8S_APP, 'worker.yaml', (s) =>
      s.replace('maxReplicas: 20', 'maxReplicas: "20"'),
    );
    expect(() => runManifestCheck(tool!, 'kustomize', copy)).toThrow(/maxReplicas/);
  });

  it('a kind no Kubernetes API has', () => {
    const copy = broken(K8S_APP, 'billing.yaml', (s) =>
      s.replace('kind: Service\n', 'kind: Servise\n'),
    );
    expect(() => runManifestCheck(tool!, 'kustomize', copy)).toThrow(/Servise/);
  });

  it('a compose key that is not in the compose specification', () => {
    const copy = broken(join(ROOT, 'infra', 'compose'), 'compose.yaml', (s) =>
      s.replace('stop_grace_period: 90s', 'stop_grace_periode: 90s'),
    );
    expect(() => runManifestCheck(tool!, 'compose', join(copy, 'compose.yaml'))).toThrow(
      /stop_grace_periode/,
    );
  });

  it('a values file with a key given twice', () => {
    const copy = broken(join(ROOT, 'infra', 'k8s', 'temporal'), 'values.yaml', (s) =>
      s.replace(
        '    numHistoryShards: 1024\n',
        '    numHistoryShards: 1024\n    numHistoryShards: 4\n',
      ),
    );
    expect(() => runManifestCheck(tool!, 'yaml', join(copy, 'values.yaml'))).toThrow(
      /numHistoryShards/,
    );
  });

  it('an environment variable the service does not read, or one it needs and lacks', () => {
    const project = runManifestCheck(tool!, 'compose', COMPOSE_FILE);
    const { TEMPORAL_ADDRESS, DATABASE_URL, ...rest } = project.services.worker.environment;
    expect(envProblems('worker', { ...rest, TEMPORAL_ADRESS: TEMPORAL_ADDRESS })).toEqual([
      'worker: TEMPORAL_ADRESS is not read by services/worker/src/env.ts',
      expect.stringContaining('DATABASE_URL'),
    ]);
    expect(DATABASE_URL).toBeDefined();
  });
});

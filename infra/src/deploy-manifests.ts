/**
 * Reading the deployment files the way a cluster or Docker would, with manifest-check
 * (bootstrap-manifest-check.ts), and checking each Node service's environment there against the
 * zod schema of its src/env.ts: the names must be ones the service reads and the values must
 * parse, so a misspelt or missing variable fails here instead of at a pod's boot.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiEnvSchema, parseApiEnv } from '@switchyard/api';
import { billingEnvSchema, parseBillingEnv } from '@switchyard/billing-service';
import { parseWorkerEnv, workerEnvSchema } from '@switchyard/worker';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const K8S_APP = join(ROOT, 'infra', 'k8s', 'app');
export const K8S_SECRETS_EXAMPLE = join(ROOT, 'infra', 'k8s', 'secrets-example');
export const COMPOSE_FILE = join(ROOT, 'infra', 'compose', 'compose.yaml');
export const TEMPORAL_VALUES = join(ROOT, 'infra', 'k8s', 'temporal', 'values.yaml');

export type Service = 'api' | 'worker' | 'billing';
const SCHEMAS: Record<Service, { names: string[]; parse: (env: Env) => unknown }> = {
  api: { names: Object.keys(apiEnvSchema.shape), parse: parseApiEnv },
  worker: { names: Object.keys(workerEnvSchema.shape), parse: parseWorkerEnv },
  billing: { names: Object.keys(billingEnvSchema.shape), parse: parseBillingEnv },
};
type Env = Record<string, string | undefined>;

/** Runs manifest-check; its JSON on success, its message as an Error otherwise. */
export function runManifestCheck(
  tool: string,
  command: 'kustomize' | 'compose' | 'yaml',
  path: string,
) {
  const run = spawnSync(tool, [command, path], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(run.stderr.trim() || `manifest-check exited ${run.status}`);
  return JSON.parse(run.stdout);
}

/** What is wrong with `env` for `service`: names it does not read, then what fails to parse. */
export function envProblems(service: Service, env: Env): string[] {
  const known = new Set(SCHEMAS[service].names);
  const problems = Object.keys(env)
    .filter((name) => !known.has(name))
    .map((name) => `${service}: ${name} is not read by services/${service}/src/env.ts`);
  try {
    SCHEMAS[service].parse(env);
  } catch (err) {
    problems.push(`${service}: ${(err as Error).message}`);
  }
  return problems;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  // biome-ignore lint/suspicious/noExplicitAny: rendered manifests are checked field by field
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

/** The environment a Deployment's first container gets from its ConfigMaps, Secrets and env. */
export function deploymentEnv(deployment: K8sObject, objects: K8sObject[]): Env {
  const container = deployment.spec.template.spec.containers[0];
  const find = (kind: string, name: string) => {
    const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (!found) throw new Error(`${deployment.metadata.name}: no ${kind} ${name}`);
    return found;
  };
  const env: Env = {};
  for (const from of container.envFrom ?? []) {
    if (from.configMapRef) Object.assign(env, find('ConfigMap', from.configMapRef.name).data);
    if (from.secretRef) {
      const secret = find('Secret', from.secretRef.name);
      Object.assign(env, secret.stringData, secret.data);
    }
  }
  for (const e of container.env ?? []) env[e.name] = e.value;
  return env;
}

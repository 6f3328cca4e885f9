/**
 * Makes `manifest-check` available: the small Go program of infra/tools/manifest-check that
 * renders the Kubernetes manifests with kustomize's library and decodes every object strictly
 * into its k8s.io/api type, and loads the compose file with compose-go (the loader of
 * `docker compose`). Built with the Go toolchain from the Go module proxy into the project
 * cache, under a hash of its sources: a changed tool is rebuilt, an unchanged one reused.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE = join(ROOT, 'infra', 'tools', 'manifest-check');

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(SOURCE).sort())
    if (/\.(go|mod|sum)$/.test(name)) hash.update(name).update(readFileSync(join(SOURCE, name)));
  return hash.digest('hex').slice(0, 16);
}

/** Where the tool for the current sources is (or will be) kept. */
export function manifestCheckPath(): string {
  return join(ROOT, '.cache', 'manifest-check', sourceHash(), 'manifest-check');
}

/** The cached tool, or undefined when it has not been built for these sources. */
export function cachedManifestCheck(): string | undefined {
  const path = manifestCheckPath();
  return existsSync(path) ? path : undefined;
}

/** Finds the tool or builds it (a minute or two cold); throws, saying what is missing. */
export async function ensureManifestCheck(
  log: (m: string) => void = (m) => console.log(`[manifest-check] ${m}`),
): Promise<string> {
  const hit = cachedManifestCheck();
  if (hit) return hit;
  const go = ['go', '/usr/local/go/bin/go'].find(
    (g) => spawnSync(g, ['version'], { stdio: 'ignore' }).status === 0,
  );
  if (!go)
    throw new Error('no Go found: manifest-check is built with Go 1.26 from the module proxy');
  const target = manifestCheckPath();
  const partial = `${target}.partial-${process.pid}`;
  await mkdir(dirname(target), { recursive: true });
  log('building with go build (a minute or two when the Go caches are cold)');
  const started = Date.now();
  const output: string[] = [];
  const code = await new Promise<number | null>((done) => {
    const child = spawn(go, ['build', '-trimpath', '-o', partial, '.'], {
      cwd: SOURCE,
      env: { ...process.env, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr])
      stream.on('data', (d) => output.push(String(d)));
    child.on('close', done);
  });
  if (code !== 0) {
    await rm(partial, { force: true });
    throw new Error(`go build of manifest-check exited ${code}:\n${output.join('').slice(-4000)}`);
  }
  // Moved in whole: a build that dies leaves nothing a later run would take for the tool.
  await rename(partial, target);
  log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
  return target;
}

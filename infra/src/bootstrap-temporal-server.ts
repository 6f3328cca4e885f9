/**
 * Makes the production Temporal server and its SQL schema tool available: built from the Go
 * module proxy with `go install` (the only registry that ships them) into the project cache,
 * together with the PostgreSQL schema files of the same module. Idempotent: once the cache
 * holds all three, nothing runs.
 *
 * The Go module and build caches stay where Go keeps them by default (GOMODCACHE, GOCACHE):
 * about 3.5 GB that every clone and worktree on the machine shares, that survives a fresh
 * clone or `rm -rf .cache`, and whose read-only files would make the project cache hard to
 * delete. The project cache keeps only what runs: the two binaries and the schema.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeExit, watchChild } from './child-output.ts';

/**
 * The release line of the dev server the CLI bundles (1.32), so both modes run the same
 * engine. v1.32.2 and the last patches of 1.30 and 1.31 declare `go 1.26.10`; v1.32.1 declares
 * `go 1.26.8` and so builds with the Go these machines have.
 */
export const TEMPORAL_SERVER_VERSION = 'v1.32.1';
const MODULE = 'go.temporal.io/server';
const PACKAGES = ['cmd/server', 'cmd/tools/sql'];
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = join(ROOT, '.cache', 'temporal-server', TEMPORAL_SERVER_VERSION);

export interface TemporalServerBinaries {
  /** The server (`temporal-server start`). */
  server: string;
  /** Temporal's SQL schema tool (`temporal-sql-tool`). */
  sqlTool: string;
  /** `schema/postgresql/v12` of the server's module: `temporal/` and `visibility/`. */
  schemaDir: string;
  version: string;
  via: 'project cache' | 'go install';
}

/** The cached server, or undefined when it has not been built yet. */
export function cachedTemporalServer(): TemporalServerBinaries | undefined {
  const found = {
    server: join(CACHE, 'bin', 'server'),
    sqlTool: join(CACHE, 'bin', 'sql'),
    schemaDir: join(CACHE, 'schema'),
    version: TEMPORAL_SERVER_VERSION,
    via: 'project cache' as const,
  };
  const complete = [
    found.server,
    found.sqlTool,
    join(found.schemaDir, 'temporal', 'versioned'),
    join(found.schemaDir, 'visibility', 'versioned'),
  ].every((p) => existsSync(p));
  return complete ? found : undefined;
}

const BUILD_HINT =
  `The PostgreSQL-backed Temporal server is built from source with Go (\`go install ` +
  `${MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION}\`): it needs Go 1.26.8 or newer on PATH and ` +
  'the Go module proxy (about 3.5 GB of Go caches, minutes the first time). With an older Go, ' +
  '`GOTOOLCHAIN=auto pnpm run bootstrap` lets Go fetch the toolchain from the module proxy.';

let building: Promise<TemporalServerBinaries> | undefined;

/**
 * Finds the server in the project cache or builds it; throws, saying what is missing, when it
 * cannot. `log` hears about a build, which takes minutes the first time. Callers in one process
 * share one build.
 */
export async function ensureTemporalServer(
  log: (m: string) => void = (m) => console.log(`[temporal-server] ${m}`),
): Promise<TemporalServerBinaries> {
  const hit = cachedTemporalServer();
  if (hit) return hit;
  building ??= build(log).finally(() => {
    building = undefined;
  });
  return building;
}

async function build(log: (m: string) => void): Promise<TemporalServerBinaries> {
  const go = findGo();
  if (!go) throw new Error(`no Go found. ${BUILD_HINT}`);
  const started = Date.now();
  log(`building Temporal server ${TEMPORAL_SERVER_VERSION} with go install (minutes when cold)`);
  await mkdir(CACHE, { recursive: true });
  // Built next to the cache and moved in whole, so a build that dies leaves no half of it.
  const partial = join(CACHE, `partial-${process.pid}`);
  await rm(partial, { recursive: true, force: true });
  try {
    const bin = join(partial, 'bin');
    await runGo(
      go,
      ['install', ...PACKAGES.map((p) => `${MODULE}/${p}@${TEMPORAL_SERVER_VERSION}`)],
      { GOBIN: bin },
      log,
    );
    const moduleDir = JSON.parse(
      await runGo(go, ['mod', 'download', '-json', `${MODULE}@${TEMPORAL_SERVER_VERSION}`], {}),
    ).Dir as string;
    const schema = join(partial, 'schema');
    await cp(join(moduleDir, 'schema', 'postgresql', 'v12'), schema, { recursive: true });
    // The module cache is read-only; our copy must stay deletable.
    await makeWritable(schema);
    for (const part of ['bin', 'schema']) await moveIn(join(partial, part), join(CACHE, part));
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
  const built = cachedTemporalServer();
  if (!built) throw new Error(`go install finished but ${CACHE} is incomplete. ${BUILD_HINT}`);
  log(`built in ${Math.round((Date.now() - started) / 1000)} s into ${CACHE}`);
  return { ...built, via: 'go install' };
}

function findGo(): string | undefined {
  const candidates = [
    spawnSync('sh', ['-c', 'command -v go'], { encoding: 'utf8' }).stdout.trim(),
    process.env.GOROOT && join(process.env.GOROOT, 'bin', 'go'),
    '/usr/local/go/bin/go',
  ];
  return candidates.find(
    (c): c is string => !!c && spawnSync(c, ['version'], { stdio: 'ignore' }).status === 0,
  );
}

/** Runs go; resolves with its stdout, rejects with its last words and what is needed. */
async function runGo(
  go: string,
  args: string[],
  env: Record<string, string>,
  log?: (m: string) => void,
): Promise<string> {
  const child: ChildProcess = spawn(go, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout?.on('data', (d) => {
    stdout += String(d);
  });
  const watched = watchChild(child);
  const started = Date.now();
  // A cold build is silent for minutes once the downloads are done.
  const progress =
    log &&
    setInterval(
      () => log(`still building (${Math.round((Date.now() - started) / 1000)} s)`),
      30_000,
    );
  const exit = await watched.closed.finally(() => clearInterval(progress));
  if (exit.code !== 0)
    throw new Error(
      `go ${args.join(' ')} ${describeExit(exit)}:\n${watched.tail()}\n${BUILD_HINT}`,
    );
  return stdout;
}

async function makeWritable(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await makeWritable(path);
    else await chmod(path, 0o644);
  }
}

/** Another bootstrap may have finished first; its copy is as good as ours. */
async function moveIn(from: string, to: string): Promise<void> {
  if (existsSync(to)) return;
  await rename(from, to).catch((err: NodeJS.ErrnoException) => {
    if (!existsSync(to)) throw err;
  });
}

import { execFileSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Owner {
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root. As root, returns the unprivileged `postgres` system user
 * to run it as, creating it first if missing; otherwise undefined (run as ourselves).
 */
export async function postgresOwner(log: (m: string) => void): Promise<Owner | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  // Two starters on a fresh machine (test setup, `pnpm start`) may both try to create the user:
  // whoever loses the race finds it on the next look.
  for (let attempt = 0; attempt < 5; attempt++) {
    const found = lookup();
    if (found) return found;
    if (attempt === 0) log('creating the unprivileged system user "postgres" to run PostgreSQL');
    run('groupadd', ['--system', 'postgres']);
    run('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres']);
    await sleep(200);
  }
  throw new Error('could not find or create the system user "postgres" to run PostgreSQL as');
}

/** Lets `owner` reach `dir`: adds the search (x) bit for others to each ancestor lacking it. */
export function makeTraversable(dir: string, log: (m: string) => void): void {
  for (let d = dirname(dir); d !== dirname(d); d = dirname(d)) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) {
      log(`allowing others to traverse ${d}, so PostgreSQL can reach its data directory`);
      chmodSync(d, (mode & 0o7777) | 0o001);
    }
  }
}

function lookup(): Owner | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

function run(cmd: string, args: string[]): void {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
  } catch {
    // exists already, or another process holds the lock: the next lookup decides
  }
}

import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { createDb } from '@switchyard/db';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { freePort } from './ports.ts';
import { startEmbeddedPostgres } from './postgres.ts';

const HOOKED = ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const hooks = () => HOOKED.map((e) => process.listenerCount(e));

const refused = (port: number) =>
  new Promise<boolean>((r) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => r(!socket.destroy()));
    socket.once('error', () => r(true));
  });

describe('startEmbeddedPostgres', () => {
  it('serves, leaves the exit status alone and leaves nothing behind', async () => {
    const before = hooks();
    const pg = await startEmbeddedPostgres();
    // Only a synchronous exit guard: nothing that could end the process or change its status.
    expect(hooks()).toEqual([before[0]! + 1, ...before.slice(1)]);
    const db = createDb(pg.adminUrl, { max: 1 });
    const { rows } = await sql<{
      dir: string;
      enc: string;
    }>`select current_setting('data_directory') as dir, current_setting('server_encoding') as enc`.execute(
      db,
    );
    await db.destroy();
    expect(rows[0]?.enc).toBe('UTF8');
    expect(existsSync(rows[0]!.dir)).toBe(true);
    await pg.stop();
    expect(existsSync(rows[0]!.dir)).toBe(false);
    expect(await refused(pg.port)).toBe(true);
    expect(hooks()).toEqual(before);
  });

  it('starts on another port when another process took the one it picked', async () => {
    const taken = await freePort();
    const holder = createServer((socket) => socket.destroy());
    await new Promise<void>((r) => holder.listen(taken, '127.0.0.1', r));
    const logs: string[] = [];
    let picks = 0;
    const pg = await startEmbeddedPostgres((m) => logs.push(m), {
      pickPort: () => (picks++ === 0 ? Promise.resolve(taken) : freePort()),
    }).finally(() => holder.close());
    await pg.stop();
    expect(pg.port).not.toBe(taken);
    expect(logs).toContain(
      `postgres could not bind port ${taken}, another process took it; trying another port`,
    );
  });
});

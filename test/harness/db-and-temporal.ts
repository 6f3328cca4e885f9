import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, inject } from 'vitest';
import { freshDatabase } from './database.ts';

type Env = Awaited<ReturnType<typeof freshDatabase>>;

/**
 * A fresh database and a real Temporal client for one test file, with a task queue of its own
 * that no worker polls: workflows started there only collect the messages sent to them. Ids
 * pushed to `started` are terminated when the file is done. Register before the file's own
 * hooks, which may then use `env` and `temporal`.
 */
export function useDbAndTemporal(name: string) {
  let connection: Connection | undefined;
  const s = { taskQueue: `${name}-${randomUUID()}`, started: [] as string[] } as {
    env: Env;
    temporal: Client;
    taskQueue: string;
    started: string[];
  };
  beforeAll(async () => {
    s.env = await freshDatabase();
    connection = await Connection.connect({ address: inject('temporalAddress') });
    s.temporal = new Client({ connection });
  });
  afterAll(async () => {
    await Promise.all(
      s.started.map((id) =>
        s.temporal.workflow
          .getHandle(id)
          .terminate('test over')
          .catch(() => {}),
      ),
    );
    await connection?.close();
    await s.env?.close();
  });
  return s;
}

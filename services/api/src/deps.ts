import type { Db } from '@switchyard/db';
import type { Logger } from '@switchyard/observability';
import type { Client } from '@temporalio/client';

/** Everything the API's handlers need, built once at boot (or by a test). */
export interface ApiDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  tiktok: { appKey: string; appSecret: string };
  log: Logger;
}

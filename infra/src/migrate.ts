/**
 * `pnpm migrate`: brings the platform's database schema up to date and sets the password of
 * the application role the services connect as (a deployment's migration job):
 *   DATABASE_ADMIN_URL=postgres://owner:…@host/switchyard APP_DB_PASSWORD=… pnpm migrate
 * Idempotent: applied migrations are skipped.
 */
import { migrateToLatest } from '@switchyard/db/migrate';
import { z } from 'zod';

const env = z
  .object({ DATABASE_ADMIN_URL: z.url(), APP_DB_PASSWORD: z.string().min(12) })
  .parse(process.env);
const appUrl = new URL(await migrateToLatest(env.DATABASE_ADMIN_URL, env.APP_DB_PASSWORD));
console.log(JSON.stringify({ msg: 'migrated', appRole: appUrl.username }));

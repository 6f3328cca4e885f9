import { randomBytes } from 'node:crypto';
import { createDb, type Db } from '@switchyard/db';
import { createDatabase } from '@switchyard/db/migrate';
import { inject } from 'vitest';
import { APP_PASSWORD, TEMPLATE_DB } from './global-setup.ts';

/**
 * A fresh, migrated database for one test file, and a client that connects as the
 * application role (RLS applies) plus one as the owner (for assertions that must see all).
 */
export async function freshDatabase(): Promise<{
  appUrl: string;
  adminUrl: string;
  db: Db;
  admin: Db;
  close(): Promise<void>;
}> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const adminUrl = await createDatabase(inject('pgAdminUrl'), name, TEMPLATE_DB);
  const u = new URL(adminUrl);
  u.username = 'switchyard_app';
  u.password = APP_PASSWORD;
  const appUrl = u.toString();
  const db = createDb(appUrl);
  const admin = createDb(adminUrl, { max: 2 });
  return {
    appUrl,
    adminUrl,
    db,
    admin,
    async close() {
      await Promise.all([db.destroy(), admin.destroy()]);
    },
  };
}

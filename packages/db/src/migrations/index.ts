import type { Migration } from 'kysely';
import * as foundation from './20261128000000_foundation.ts';

/** Every migration, by name; names sort in the order they run. Frozen once landed. */
export const migrations: Record<string, Migration> = {
  '20261128000000_foundation': foundation,
};

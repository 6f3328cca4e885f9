import type { Keyring } from '@switchyard/auth';
import type { Db } from '@switchyard/db';
import type { CallRecord, TikTokShopClient } from '@switchyard/tiktok-shop';

/** What an activity needs to call the marketplace for a shop; the worker wires the real ones. */
export interface MarketplaceDeps {
  db: Db;
  keyring: Keyring;
  /** A marketplace client whose every HTTP attempt is reported to `onCall` (R-DIAG-1). */
  marketplace: (onCall: (rec: CallRecord) => void) => TikTokShopClient;
}

import type { Keyring } from '@switchyard/auth';
import type { Db } from '@switchyard/db';
import type { FeeSchedule } from '@switchyard/domain';
import type { SupplierConnector } from '@switchyard/suppliers';
import type { CallRecord, TikTokShopClient } from '@switchyard/tiktok-shop';
import type { Client } from '@temporalio/client';

/** What the activities need from the outside world; the worker wires the real ones. */
export interface OrderActivityDeps {
  db: Db;
  keyring: Keyring;
  /** A marketplace client whose every HTTP attempt is reported to `onCall` (R-DIAG-1). */
  marketplace: (onCall: (rec: CallRecord) => void) => TikTokShopClient;
  suppliers: SupplierConnector;
  /** Base URL suppliers call back (`…/partner/v1`). */
  partnerApiUrl: string;
  fees: FeeSchedule;
  /** For activities that start or signal other workflows (reconciliation). */
  temporal: Client;
  orderTaskQueue: string;
  now?: () => Date;
}

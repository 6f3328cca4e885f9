import type { Keyring } from '@switchyard/auth';
import type { Db } from '@switchyard/db';
import type { EmailBatchSender, SftpSession, SftpTarget } from '@switchyard/suppliers';
import type { SupplierAnswerIntake } from '../shared/supplier-answers.ts';

/** What the file-batch activities need; the worker wires the real ones. */
export interface FileBatchActivityDeps {
  db: Db;
  keyring: Keyring;
  /** The SMTP sender of batch e-mails; absent, e-mail suppliers' batches wait, recorded. */
  email?: EmailBatchSender | undefined;
  /** Opens an SFTP session (default: openSftp of @switchyard/suppliers). */
  sftp?: ((target: SftpTarget) => Promise<SftpSession>) | undefined;
  /** Applies a picked-up answer file (the order family's processSupplierFile). */
  answers: SupplierAnswerIntake;
  /** Base URL of the partner API (`…/partner/v1`): label links in batch files point there. */
  partnerApiUrl?: string | undefined;
  /** The acknowledgement window written in batch files (R-SLA-2; default 30 minutes). */
  ackWindowMs?: number | undefined;
  /** The clock that decides which slot is due; tests drive it. */
  now?: (() => Date) | undefined;
}

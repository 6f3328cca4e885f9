import { decrypt } from '@switchyard/auth';
import {
  claimBatchForSending,
  claimBatchSlot,
  createFileBatch,
  type FileSupplier,
  listFileSuppliers,
  listUnsentBatches,
  markBatchFailed,
  markBatchSent,
  withSupplier,
} from '@switchyard/db';
import { latestSlotMs, toStorableText } from '@switchyard/domain';
import { formatAnswerReportCsv } from '@switchyard/domain/csv';
import { DEFAULT_FULFILLMENT_POLICY } from '@switchyard/domain/policy';
import { openSftp, type SftpTarget } from '@switchyard/suppliers';
import { Context } from '@temporalio/activity';
import { batchFileName, buildBatchCsv } from './batch-file.ts';
import type { FileBatchActivityDeps } from './deps.ts';
import type { SweepSummary } from './messages.ts';

const EMAIL_TEXT =
  'New dispatches from Switchyard are attached (one row per item). Acknowledge, ship or reject ' +
  'each by replying to this address with a CSV of dispatch_id, action, expected_ship_at, carrier, ' +
  'tracking_number, reason.';

/** Activities of the file-batch sweep (R-RT-2). */
export function createFileBatchActivities(deps: FileBatchActivityDeps) {
  const now = deps.now ?? (() => new Date());
  const connect = deps.sftp ?? openSftp;
  const ackWindowMs = deps.ackWindowMs ?? DEFAULT_FULFILLMENT_POLICY.ackWindowMs;

  function sftpTarget(s: FileSupplier): SftpTarget {
    return {
      host: s.sftp_host ?? '',
      port: s.sftp_port ?? 22,
      user: s.sftp_user ?? '',
      password: s.sftp_password_enc ? decrypt(deps.keyring, s.sftp_password_enc) : undefined,
      privateKey: s.sftp_private_key_enc
        ? decrypt(deps.keyring, s.sftp_private_key_enc)
        : undefined,
      hostKeySha256: s.sftp_host_key_sha256 ?? '',
      uploadDir: s.sftp_upload_dir ?? '/',
      outboxDir: s.sftp_outbox_dir ?? '/',
    };
  }

  /**
   * Records the batch of the latest slot if that slot was not handled yet: the slot is taken,
   * the batch written and its dispatches marked in one transaction, before anything is sent.
   */
  async function recordDueBatch(s: FileSupplier): Promise<void> {
    const slotAt = new Date(
      latestSlotMs(now().getTime(), { timeZone: s.time_zone, minutes: s.schedule_minutes }),
    );
    await withSupplier(deps.db, s.id, async (trx) => {
      if (!(await claimBatchSlot(trx, s.id, slotAt))) return;
      await createFileBatch(trx, { supplierId: s.id, slotAt, fileName: batchFileName(slotAt) });
    });
  }

  /** Sends every recorded batch not yet sent, under its own file name, and marks it sent. */
  async function sendUnsent(s: FileSupplier, summary: SweepSummary): Promise<void> {
    const batches = await withSupplier(deps.db, s.id, (trx) => listUnsentBatches(trx, s.id));
    for (const b of batches) {
      if (!(await withSupplier(deps.db, s.id, (trx) => claimBatchForSending(trx, b.id)))) continue;
      try {
        const { csv } = await buildBatchCsv(deps, {
          supplierId: s.id,
          batchId: b.id,
          slotAt: b.slot_at,
          ackWindowMs,
        });
        const file = { name: b.file_name, content: csv, batchId: b.id };
        if (s.connector === 'file_email') {
          if (!deps.email || !s.email) throw new Error('no SMTP sender or no supplier address');
          await deps.email.send(s.email, file, EMAIL_TEXT);
        } else {
          const session = await connect(sftpTarget(s));
          try {
            await session.upload(file.name, csv);
          } finally {
            session.close();
          }
        }
        await withSupplier(deps.db, s.id, (trx) => markBatchSent(trx, b.id));
        summary.batchesSent++;
      } catch (err) {
        // Kept unsent: the next sweep sends it again, same name. Messages name no buyer.
        await withSupplier(deps.db, s.id, (trx) =>
          markBatchFailed(trx, b.id, (err as Error).message),
        );
        summary.batchesFailed++;
      }
    }
  }

  /**
   * Takes the answer files from an SFTP supplier's outbox: each is applied (or found a repeat),
   * its report is written beside the batches as `<name>.report.csv`, then it moves to
   * `processed/`. A file whose move failed is found again next time and answered as a repeat.
   */
  async function pickUpAnswers(s: FileSupplier, summary: SweepSummary): Promise<void> {
    if (s.connector !== 'file_sftp') return;
    const session = await connect(sftpTarget(s));
    try {
      const { files, tooLarge } = await session.listOutbox();
      for (const f of files) {
        const report = await deps.answers({
          supplierId: s.id,
          source: 'sftp',
          // A server's name is only a label here: kept storable and bounded.
          fileName: toStorableText(f.name).slice(0, 200),
          content: f.content,
        });
        await session.upload(`${f.name}.report.csv`, formatAnswerReportCsv(report));
        await session.markTaken(f.name);
        summary.answerFiles++;
      }
      for (const name of tooLarge) {
        const fileError = {
          code: 'CSV_TOO_LARGE',
          message: 'an answer file holds at most 1 MiB; split it',
        };
        await session.upload(
          `${name}.report.csv`,
          formatAnswerReportCsv({ results: [], fileError }),
        );
        await session.markTaken(name);
      }
    } finally {
      session.close();
    }
  }

  return {
    /**
     * One pass over every file supplier: record the due slot's batch, send what is unsent, pick
     * up answer files. A supplier whose server is down does not hold up the others; its batch
     * stays recorded and goes at the next pass.
     */
    async sweepFileSuppliers(): Promise<SweepSummary> {
      const suppliers = await listFileSuppliers(deps.db);
      const summary: SweepSummary = {
        suppliers: suppliers.length,
        batchesSent: 0,
        batchesFailed: 0,
        answerFiles: 0,
      };
      for (const s of suppliers) {
        Context.current().heartbeat(s.code);
        await recordDueBatch(s);
        await sendUnsent(s, summary);
        await pickUpAnswers(s, summary).catch((err: Error) =>
          Context.current().log.warn('answer pick-up failed', {
            supplier: s.code,
            error: err.message,
          }),
        );
      }
      return summary;
    },
  };
}

export type FileBatchActivities = ReturnType<typeof createFileBatchActivities>;

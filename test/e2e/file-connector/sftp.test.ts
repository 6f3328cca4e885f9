import { nextSlotMs } from '@switchyard/domain';
import { type SftpSim, startSftpSim } from '@switchyard/sim-file-partner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../../harness/platform.ts';
import {
  answerCsv,
  labelFor,
  orderAwaitingBatch,
  pin,
  registerFileSupplier,
  sweepOnce,
  testClock,
} from './helpers.ts';

const SCHEDULE = { times: ['09:00', '15:00'], minutes: [540, 900] };

/**
 * R-RT-2 by SFTP, against a real SFTP server in process (ssh2): the batch file is uploaded
 * whole (written, then renamed) at the slot; the supplier's answer file is picked up from its
 * outbox, applied row by row, answered with a report, and moved to `processed/`.
 */
describe('file connector by SFTP', () => {
  let p: Platform;
  let sftp: SftpSim;
  const clock = testClock();
  let supplier: { supplierId: string; partnerKey: string };

  beforeAll(async () => {
    sftp = await startSftpSim({ dirs: ['/to-factory', '/from-factory'] });
    p = await startPlatform({ files: { now: clock.now } });
    supplier = await registerFileSupplier(p, 'factory-sftp', {
      kind: 'file_sftp',
      schedule: SCHEDULE.times,
      sftp: {
        host: sftp.host,
        port: sftp.port,
        user: sftp.user,
        password: sftp.password,
        hostKeySha256: sftp.hostKeySha256,
        uploadDir: '/to-factory',
        outboxDir: '/from-factory',
      },
    });
    await pin(p, 0, supplier.supplierId);
  });
  afterAll(async () => {
    await p?.close();
    await sftp?.close();
  });

  it('R-RT-2: the batch is uploaded at the slot, the answer file acks and ships, a repeat applies nothing', async () => {
    const { order, dispatch, workflowId } = await orderAwaitingBatch(p, 0, supplier.supplierId);
    const stored = await p.admin
      .selectFrom('supplier_file_settings')
      .select(['sftp_password_enc'])
      .executeTakeFirstOrThrow();
    // The SFTP password is stored encrypted, never as given.
    expect(stored.sftp_password_enc).not.toContain(sftp.password);
    expect(stored.sftp_password_enc).toMatch(/^v1\./);

    expect((await sweepOnce(p, clock.now)).batchesSent).toBe(0);
    expect(sftp.uploads()).toEqual([]);

    clock.set(
      nextSlotMs(clock.ms, { timeZone: 'Asia/Shanghai', minutes: SCHEDULE.minutes }) + 1000,
    );
    // The first upload's rename fails, as on a full disk: the batch stays recorded, unsent.
    sftp.failRenames(1);
    expect(await sweepOnce(p, clock.now)).toMatchObject({ batchesSent: 0, batchesFailed: 1 });
    expect(await sweepOnce(p, clock.now)).toMatchObject({ batchesSent: 1, batchesFailed: 0 });
    const uploaded = sftp.uploads();
    expect(uploaded).toHaveLength(1);
    expect(uploaded[0]).toMatch(/^\/to-factory\/switchyard-dispatches-\d{8}T\d{4}Z\.csv$/);
    const csv = sftp.files().get(uploaded[0]!)!.toString('utf8');
    expect(csv).toContain(`${dispatch.id},${order.id},1,SUP-`);
    // No half-written file left behind.
    expect([...sftp.files().keys()].filter((k) => k.endsWith('.part'))).toEqual([]);

    // The supplier drops its answers in its outbox; the next sweep picks them up.
    const tracking = await labelFor(p, dispatch.carrier);
    const answers = answerCsv([
      [dispatch.id, 'ack', '', '', '', ''],
      [dispatch.id, 'ship', '', dispatch.carrier ?? 'USPS', tracking, ''],
    ]);
    sftp.put('/from-factory/answers-1.csv', answers);
    expect(await sweepOnce(p, clock.now)).toMatchObject({ answerFiles: 1 });
    expect(await p.temporal.workflow.getHandle(workflowId).result()).toEqual({
      status: 'completed',
    });
    expect(p.tts.packages(order.id).map((k) => k.trackingNumber)).toEqual([tracking]);
    expect(sftp.files().has('/from-factory/answers-1.csv')).toBe(false);
    expect(sftp.files().has('/from-factory/processed/answers-1.csv')).toBe(true);
    const report = sftp.files().get('/to-factory/answers-1.csv.report.csv')!.toString('utf8');
    expect(report).toContain(`2,${dispatch.id},applied`);
    expect(report).toContain(`3,${dispatch.id},applied`);

    // The same content under another name: reported as a repeat, nothing applied again.
    sftp.put('/from-factory/answers-2.csv', answers);
    await sweepOnce(p, clock.now);
    const second = sftp.files().get('/to-factory/answers-2.csv.report.csv')!.toString('utf8');
    expect(second).toContain('0,,repeat,FILE_REPEATED');
    expect(p.tts.packages(order.id)).toHaveLength(1);
  });

  it('refuses an SFTP server whose host key is not the registered one, sending nothing', async () => {
    const impostor = await startSftpSim({ dirs: ['/to-factory', '/from-factory'] });
    try {
      await p.admin
        .updateTable('supplier_file_settings')
        .set({ sftp_port: impostor.port })
        .where('supplier_id', '=', supplier.supplierId)
        .execute();
      await orderAwaitingBatch(p, 0, supplier.supplierId);
      clock.set(
        nextSlotMs(clock.ms, { timeZone: 'Asia/Shanghai', minutes: SCHEDULE.minutes }) + 1000,
      );
      expect(await sweepOnce(p, clock.now)).toMatchObject({ batchesSent: 0, batchesFailed: 1 });
      expect(impostor.files().size).toBe(0);
      const failed = await p.admin
        .selectFrom('supplier_file_batches')
        .select('last_error')
        .where('sent_at', 'is', null)
        .executeTakeFirstOrThrow();
      expect(failed.last_error).toMatch(/host key/);
    } finally {
      await impostor.close();
    }
  });
});

import { startAnswerMailReceiver } from '@switchyard/api';
import { nextSlotMs } from '@switchyard/domain';
import { type SmtpMailbox, sendSupplierMail, startSmtpMailbox } from '@switchyard/sim-file-partner';
import { createEmailBatchSender } from '@switchyard/suppliers';
import { startFileBatchSweep } from '@switchyard/workflows';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../../harness/platform.ts';
import {
  answerCsv,
  labelFor,
  orderAwaitingBatch,
  pin,
  registerFileSupplier,
  sweepOnce,
  testClock,
  uploadAnswers,
} from './helpers.ts';

const ADDRESS = 'orders@factory-mail.example';
const PLATFORM = 'files@switchyard.test';
const SCHEDULE = { timeZone: 'Asia/Shanghai', times: ['09:00', '15:00'], minutes: [540, 900] };

/**
 * R-RT-2 by e-mail, over real SMTP (the supplier's mail server in process), Temporal and
 * PostgreSQL: a supplier without IT gets its dispatches as one CSV attachment at its scheduled
 * slot, and answers with a CSV file; each row acts as the partner API would.
 */
describe('file connector by e-mail', () => {
  let p: Platform;
  let mailbox: SmtpMailbox;
  const clock = testClock();
  let supplier: { supplierId: string; partnerKey: string };
  let sender: ReturnType<typeof createEmailBatchSender>;
  let receiver: Awaited<ReturnType<typeof startAnswerMailReceiver>>;

  beforeAll(async () => {
    mailbox = await startSmtpMailbox({ address: ADDRESS });
    p = await startPlatform({
      tenants: 2,
      files: { smtpUrl: mailbox.url, from: 'files@switchyard.test', now: clock.now },
    });
    sender = createEmailBatchSender({ smtpUrl: mailbox.url, from: 'files@switchyard.test' });
    supplier = await registerFileSupplier(p, 'factory-mail', {
      kind: 'file_email',
      schedule: SCHEDULE.times,
      email: ADDRESS,
    });
    // The supplier's time zone is the registry's default, Asia/Shanghai.
    await pin(p, 0, supplier.supplierId);
    receiver = await startAnswerMailReceiver(p.apiDeps, {
      address: PLATFORM,
      port: 0,
      reports: sender,
    });
  });
  afterAll(async () => {
    await receiver?.close();
    sender?.close();
    await p?.close();
    await mailbox?.close();
  });

  it('R-RT-2: the order waits for the slot, goes out as one e-mailed CSV, and the reply ships it', async () => {
    const { order, dispatch, workflowId } = await orderAwaitingBatch(p, 0, supplier.supplierId);
    // Nothing was pushed over HTTP, and nothing goes out before the slot.
    expect(dispatch).toMatchObject({ status: 'sent', file_batch_id: null });
    const slot = nextSlotMs(clock.ms, { timeZone: SCHEDULE.timeZone, minutes: SCHEDULE.minutes });
    const before = await sweepOnce(p, clock.now, sender);
    expect(before.batchesSent).toBe(0);
    expect(mailbox.received()).toHaveLength(0);

    // The slot comes: the platform's periodic sweep (a Temporal workflow) sends the batch.
    clock.set(slot + 1000);
    await startFileBatchSweep(p.temporal, 200, p.taskQueue, `file-batches-${p.taskQueue}`);
    const mail = await eventually(async () => mailbox.received()[0], 30_000);
    expect(mail.to).toEqual([ADDRESS]);
    expect(mail.attachments).toHaveLength(1);
    const csv = mail.attachments[0]!.content;
    expect(mail.attachments[0]!.filename).toMatch(/^switchyard-dispatches-\d{8}T\d{4}Z\.csv$/);
    expect(csv.split('\r\n')[0]).toContain('dispatch_id,order_number,line,sku_code,quantity');
    expect(csv).toContain(`${dispatch.id},${order.id},1,SUP-`);
    // Ship-to from the database (decrypted in the activity), never from workflow history.
    expect(csv).toContain(String(order.recipientAddress.name));
    const history = JSON.stringify(
      await p.temporal.workflow.getHandle(`file-batches-${p.taskQueue}`).fetchHistory(),
    );
    expect(history).not.toContain(String(order.recipientAddress.name));

    // More sweeps in the same slot send nothing again: the dispatch is in exactly one batch.
    await sweepOnce(p, clock.now, sender);
    const again = await sweepOnce(p, clock.now, sender);
    expect(again.batchesSent).toBe(0);
    expect(mailbox.received()).toHaveLength(1);
    const batches = await p.admin.selectFrom('supplier_file_batches').selectAll().execute();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ dispatch_count: 1 });
    expect(batches[0]!.sent_at).not.toBeNull();

    // The supplier's reply: acknowledged and shipped, in one file.
    const tracking = await labelFor(p, dispatch.carrier);
    const reply = answerCsv([
      [dispatch.id, 'ack', new Date(Date.now() + 3600_000).toISOString(), '', '', ''],
      [dispatch.id, 'ship', '', dispatch.carrier ?? 'USPS', tracking, ''],
    ]);
    const res = await uploadAnswers(p, supplier.partnerKey, 'reply.csv', reply);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      repeat: false,
      status: 'done',
      rows: 2,
      applied: 2,
      refused: 0,
    });
    expect(await p.temporal.workflow.getHandle(workflowId).result()).toEqual({
      status: 'completed',
    });
    expect(p.tts.packages(order.id).map((k) => k.trackingNumber)).toEqual([tracking]);

    // The same file again: its first report, nothing applied twice.
    const repeat = await uploadAnswers(p, supplier.partnerKey, 'reply-again.csv', reply);
    expect(repeat.status).toBe(200);
    expect(repeat.body).toMatchObject({ repeat: true, applied: 2 });
    expect(p.tts.packages(order.id)).toHaveLength(1);
    const files = await p.admin
      .selectFrom('supplier_files')
      .select(['status', 'applied'])
      .execute();
    expect(files).toEqual([{ status: 'done', applied: 2 }]);
  });

  it('R-RT-2: a batch whose e-mail failed stays recorded and goes at the next sweep under the same name', async () => {
    const { dispatch } = await orderAwaitingBatch(p, 0, supplier.supplierId);
    // Stop the periodic sweep's influence: this test drives the sweep by hand.
    await p.temporal.workflow
      .getHandle(`file-batches-${p.taskQueue}`)
      .terminate()
      .catch(() => {});
    const slot = nextSlotMs(clock.ms, { timeZone: SCHEDULE.timeZone, minutes: SCHEDULE.minutes });
    clock.set(slot + 1000);
    mailbox.failNext(1);
    const first = await sweepOnce(p, clock.now, sender);
    expect(first).toMatchObject({ batchesSent: 0, batchesFailed: 1 });
    const recorded = await p.admin
      .selectFrom('supplier_file_batches')
      .selectAll()
      .where('sent_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(recorded.last_error).toMatch(/451|try again/i);
    const row = await p.admin
      .selectFrom('dispatches')
      .select('file_batch_id')
      .where('id', '=', dispatch.id)
      .executeTakeFirstOrThrow();
    expect(row.file_batch_id).toBe(recorded.id);

    const second = await sweepOnce(p, clock.now, sender);
    expect(second).toMatchObject({ batchesSent: 1, batchesFailed: 0 });
    const mails = mailbox.received().filter((m) => m.attachments[0]!.content.includes(dispatch.id));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.attachments[0]!.filename).toBe(recorded.file_name);
    // Only this dispatch: the first one was in the earlier batch.
    const ids = new Set(mails[0]!.attachments[0]!.content.match(/\r\nd_[0-9a-f]+/g));
    expect([...ids]).toEqual([`\r\n${dispatch.id}`]);
  });

  it('R-RT-2: a reply by e-mail with the answer file ships the order, and the report comes back by e-mail', async () => {
    const { order, dispatch, workflowId } = await orderAwaitingBatch(p, 0, supplier.supplierId);
    clock.set(
      nextSlotMs(clock.ms, { timeZone: SCHEDULE.timeZone, minutes: SCHEDULE.minutes }) + 1000,
    );
    await sweepOnce(p, clock.now, sender);
    const tracking = await labelFor(p, dispatch.carrier);
    const reply = answerCsv([
      [dispatch.id, 'ack', '', '', '', ''],
      [dispatch.id, 'ship', '', dispatch.carrier ?? 'USPS', tracking, ''],
    ]);
    const smtpUrl = `smtp://127.0.0.1:${receiver.port}`;

    // A forged sender (not a registered address) is bounced during the SMTP dialogue.
    await expect(
      sendSupplierMail({
        smtpUrl,
        from: 'someone@elsewhere.example',
        to: PLATFORM,
        attachments: [{ filename: 'answers.csv', content: reply }],
      }),
    ).rejects.toThrow(/550/);
    // So is mail for any other mailbox of the platform.
    await expect(
      sendSupplierMail({
        smtpUrl,
        from: ADDRESS,
        to: 'postmaster@switchyard.test',
        attachments: [{ filename: 'answers.csv', content: reply }],
      }),
    ).rejects.toThrow(/550/);
    expect(
      (
        await p.admin
          .selectFrom('dispatches')
          .select('status')
          .where('id', '=', dispatch.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('sent');

    const reportsBefore = mailbox
      .received()
      .filter((m) => m.subject.startsWith('Switchyard report')).length;
    await sendSupplierMail({
      smtpUrl,
      from: ADDRESS,
      to: PLATFORM,
      attachments: [{ filename: 'answers.csv', content: reply }],
    });
    expect(await p.temporal.workflow.getHandle(workflowId).result()).toEqual({
      status: 'completed',
    });
    expect(p.tts.packages(order.id).map((k) => k.trackingNumber)).toEqual([tracking]);
    const reports = mailbox.received().filter((m) => m.subject.startsWith('Switchyard report'));
    expect(reports).toHaveLength(reportsBefore + 1);
    const report = reports.at(-1)!.attachments[0]!;
    expect(report.filename).toBe('answers.csv.report.csv');
    expect(report.content).toContain(`2,${dispatch.id},applied`);
    expect(report.content).toContain(`3,${dispatch.id},applied`);
  });

  it('R-RT-2: sweeps racing on one slot make one batch, one e-mail', async () => {
    const { dispatch } = await orderAwaitingBatch(p, 0, supplier.supplierId);
    clock.set(
      nextSlotMs(clock.ms, { timeZone: SCHEDULE.timeZone, minutes: SCHEDULE.minutes }) + 1000,
    );
    const runs = await Promise.all([1, 2, 3].map(() => sweepOnce(p, clock.now, sender)));
    expect(runs.reduce((n, r) => n + r.batchesSent, 0)).toBe(1);
    const mails = mailbox.received().filter((m) => m.attachments[0]!.content.includes(dispatch.id));
    expect(mails).toHaveLength(1);
    const batch = await p.admin
      .selectFrom('dispatches as d')
      .innerJoin('supplier_file_batches as b', 'b.id', 'd.file_batch_id')
      .select(['b.slot_at', 'b.sent_at'])
      .where('d.id', '=', dispatch.id)
      .execute();
    expect(batch).toHaveLength(1);
    expect(batch[0]!.slot_at.getTime()).toBeLessThanOrEqual(clock.ms);
  });

  it('R-RT-2: a batch whose sender died mid-send is left to it for the lease, then sent by another sweep', async () => {
    const { dispatch } = await orderAwaitingBatch(p, 0, supplier.supplierId);
    clock.set(
      nextSlotMs(clock.ms, { timeZone: SCHEDULE.timeZone, minutes: SCHEDULE.minutes }) + 1000,
    );
    // The batch is recorded, then its sender "dies" holding the claim: the SMTP server refuses
    // this one attempt, and the claim is put back as a crashed worker would have left it.
    mailbox.failNext(1);
    await sweepOnce(p, clock.now, sender);
    const { file_batch_id } = await p.admin
      .selectFrom('dispatches')
      .select('file_batch_id')
      .where('id', '=', dispatch.id)
      .executeTakeFirstOrThrow();
    const claim = (at: string) =>
      p.admin
        .updateTable('supplier_file_batches')
        .set({ send_claimed_at: sql<Date>`now() - ${at}::interval` })
        .where('id', '=', file_batch_id!)
        .execute();
    await claim('10 seconds');
    expect(await sweepOnce(p, clock.now, sender)).toMatchObject({ batchesSent: 0 });
    await claim('3 minutes');
    expect(await sweepOnce(p, clock.now, sender)).toMatchObject({ batchesSent: 1 });
    expect(await sweepOnce(p, clock.now, sender)).toMatchObject({ batchesSent: 0 });
    const mails = mailbox.received().filter((m) => m.attachments[0]!.content.includes(dispatch.id));
    expect(mails).toHaveLength(1);
  });

  it('R-RT-2: a pull supplier is not pushed to either; its dispatch waits for its pull', async () => {
    const pull = await registerFileSupplier(p, 'factory-pull', { kind: 'api_pull' });
    await pin(p, 1, pull.supplierId);
    const { dispatch } = await orderAwaitingBatch(p, 1, pull.supplierId);
    expect(dispatch.status).toBe('sent');
    // The timeline's step is written just after the dispatch row.
    const events = await eventually(async () => {
      const rows = await p.admin
        .selectFrom('order_events')
        .select(['kind', 'detail'])
        .where('order_id', '=', dispatch.orderId)
        .where('kind', '=', 'dispatched')
        .execute();
      return rows.length > 0 && rows;
    });
    expect(events).toEqual([
      {
        kind: 'dispatched',
        detail: expect.objectContaining({ connector: 'api_pull', dispatchId: dispatch.id }),
      },
    ]);
    const calls = await p.admin
      .selectFrom('api_calls')
      .select('endpoint')
      .where('order_id', '=', dispatch.orderId)
      .where('target', '=', 'supplier:factory-pull')
      .execute();
    expect(calls).toEqual([]);
    // Nor does it get a batch file.
    clock.set(
      nextSlotMs(clock.ms, { timeZone: SCHEDULE.timeZone, minutes: SCHEDULE.minutes }) + 1000,
    );
    await sweepOnce(p, clock.now, sender);
    const row = await p.admin
      .selectFrom('dispatches')
      .select('file_batch_id')
      .where('id', '=', dispatch.id)
      .executeTakeFirstOrThrow();
    expect(row.file_batch_id).toBeNull();
  });
});

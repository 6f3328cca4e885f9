import { issueOperatorToken } from '@switchyard/auth/credentials';
import { generateBadTrackingNumber } from '@switchyard/sim-supplier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../../harness/platform.ts';
import { trpc } from '../../harness/walking-skeleton.ts';
import {
  answerCsv,
  orderAwaitingBatch,
  pin,
  registerFileSupplier,
  uploadAnswers,
} from './helpers.ts';

/**
 * An answer file's bad input (issue 10 "Bad input"): bad rows are refused one by one with a
 * stable code while the good ones are applied; another supplier's dispatch is not found and
 * untouched; a file that cannot be read applies nothing; sizes, names and keys are checked.
 */
describe('answer files: bad input', () => {
  let p: Platform;
  let supplier: { supplierId: string; partnerKey: string };

  beforeAll(async () => {
    p = await startPlatform({ tenants: 2 });
    supplier = await registerFileSupplier(p, 'factory-file', {
      kind: 'file_email',
      schedule: ['09:00'],
      email: 'orders@factory-file.example',
    });
    await pin(p, 0, supplier.supplierId);
    await trpc(p, p.tenants[1]!.apiToken).suppliers.setPreference.mutate({
      supplierId: supplier.supplierId,
      preference: 'exclude',
    });
  });
  afterAll(async () => {
    await p?.close();
  });

  const status = (id: string) =>
    p.admin
      .selectFrom('dispatches')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('applies the good rows, refuses each bad one with its code, and never touches another supplier’s dispatch', async () => {
    const a = await orderAwaitingBatch(p, 0, supplier.supplierId);
    const b = await orderAwaitingBatch(p, 0, supplier.supplierId);
    // Tenant 1's order goes to factory A (API push), which answers by itself.
    const other = p.tts.createOrder(p.tenants[1]!.simShopId);
    await p.orderResult(p.tenants[1]!.tenantId, p.tenants[1]!.shopId, other.id);
    const foreign = await p.admin
      .selectFrom('dispatches')
      .select(['id', 'status'])
      .where('supplier_id', '=', p.supplierId)
      .executeTakeFirstOrThrow();

    const file = answerCsv([
      [a.dispatch.id, 'ack', '', '', '', ''],
      [a.dispatch.id, 'ship', '', 'USPS', generateBadTrackingNumber('USPS'), ''],
      [b.dispatch.id, 'reject', '', '', '', ''],
      [b.dispatch.id, 'cancel', '', '', '', ''],
      [foreign.id, 'reject', '', '', '', 'not ours'],
      ['d_0000000000000000', 'ack', '', '', '', ''],
      [b.dispatch.id, 'ack', '2026-13-45T99:00:00Z', '', '', ''],
      [b.dispatch.id, 'reject', '', '', '', 'out of stock\u0000'],
      ['=1+2', 'ack', '', '', '', ''],
    ]);
    const res = await uploadAnswers(p, supplier.partnerKey, 'mixed.csv', file);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 9, applied: 1, refused: 8, status: 'done' });
    expect(res.body.results.map((r) => [r.row, r.outcome, r.code ?? null])).toEqual([
      [2, 'applied', null],
      [3, 'refused', 'TRACKING_INVALID'],
      [4, 'refused', 'REASON_MISSING'],
      [5, 'refused', 'ACTION_UNKNOWN'],
      [6, 'refused', 'DISPATCH_NOT_FOUND'],
      [7, 'refused', 'DISPATCH_NOT_FOUND'],
      [8, 'refused', 'EXPECTED_SHIP_AT_INVALID'],
      [9, 'refused', 'INPUT_INVALID_TEXT'],
      [10, 'refused', 'DISPATCH_ID_INVALID'],
    ]);
    expect((await status(a.dispatch.id)).status).toBe('acknowledged');
    expect((await status(b.dispatch.id)).status).toBe('sent');
    // The other supplier's dispatch: not found for this key, and unchanged.
    expect(await status(foreign.id)).toEqual({ status: foreign.status });
    const report = JSON.stringify(res.body);
    expect(report).not.toContain(other.id);
  });

  it('a file that cannot be read applies nothing and says why; the same bad file gets the same report', async () => {
    const c = await orderAwaitingBatch(p, 0, supplier.supplierId);
    const missing = `dispatch_id,action\r\n${c.dispatch.id},ack\r\n`;
    const r1 = await uploadAnswers(p, supplier.partnerKey, 'short.csv', missing);
    expect(r1.status).toBe(422);
    expect(r1.body).toMatchObject({ error: { code: 'CSV_COLUMNS_MISSING' }, applied: 0 });
    expect((await status(c.dispatch.id)).status).toBe('sent');
    const again = await uploadAnswers(p, supplier.partnerKey, 'short.csv', missing);
    expect(again.body).toMatchObject({ repeat: true, error: { code: 'CSV_COLUMNS_MISSING' } });

    const binary = new Uint8Array([0xff, 0xfe, 0x00, 0x41, 0xc3]);
    const r2 = await uploadAnswers(p, supplier.partnerKey, 'gbk.csv', binary);
    expect(r2.status).toBe(422);
    expect(r2.body).toMatchObject({ error: { code: 'CSV_NOT_TEXT' } });

    const r3 = await uploadAnswers(p, supplier.partnerKey, 'empty.csv', '');
    expect(r3.status).toBe(422);
    expect(r3.body).toMatchObject({ error: { code: 'CSV_EMPTY' } });
    expect((await status(c.dispatch.id)).status).toBe('sent');
  });

  it('refuses an oversized file, a bad name and a missing key at the edge', async () => {
    const big = `${answerCsv([])}\r\n${'x,'.repeat(600_000)}`;
    const tooBig = await fetch(`${p.apiUrl}/partner/v1/files?name=big.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${supplier.partnerKey}` },
      body: big,
    });
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: { code: string } }).error.code).toBe(
      'PAYLOAD_TOO_LARGE',
    );

    const badName = await uploadAnswers(p, supplier.partnerKey, '../etc/passwd', 'x');
    expect(badName.status).toBe(400);
    const noKey = await fetch(`${p.apiUrl}/partner/v1/files`, { method: 'POST', body: 'x' });
    expect(noKey.status).toBe(401);
    const count = await eventually(async () =>
      p.admin
        .selectFrom('supplier_files')
        .select(p.admin.fn.countAll<string>().as('n'))
        .executeTakeFirst(),
    );
    // Only the files of the test above were stored: an edge refusal writes nothing.
    expect(Number(count.n)).toBe(4);
  });

  it('operators set a connector over tRPC; a tenant cannot; bad settings and unknown suppliers are refused', async () => {
    const operatorToken = await issueOperatorToken(p.db, 'on-call');
    const call = async (token: string, input: unknown) => {
      const res = await fetch(`${p.apiUrl}/trpc/ops.suppliers.setConnector`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      return { status: res.status, text: await res.text() };
    };
    const { supplierId } = await p.registerIdleSupplier('factory-files-2');
    const sftp = {
      kind: 'file_sftp',
      schedule: ['08:30', '16:00'],
      sftp: {
        host: 'sftp.factory.example',
        user: 'switchyard',
        password: 'pa55-w0rd-secret',
        hostKeySha256: `SHA256:${'A'.repeat(43)}`,
        uploadDir: '/to-factory',
        outboxDir: '/from-factory',
      },
    };
    expect((await call(p.tenants[0]!.apiToken, { supplierId, connector: sftp })).status).toBe(401);
    const ok = await call(operatorToken, { supplierId, connector: sftp });
    expect(ok.status).toBe(200);
    expect(ok.text).not.toContain('pa55-w0rd-secret');
    const row = await p.admin
      .selectFrom('suppliers as s')
      .innerJoin('supplier_file_settings as f', 'f.supplier_id', 's.id')
      .select(['s.connector', 'f.schedule_minutes', 'f.sftp_password_enc', 'f.sftp_port'])
      .where('s.id', '=', supplierId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      connector: 'file_sftp',
      schedule_minutes: [510, 960],
      sftp_port: 22,
    });
    expect(row.sftp_password_enc).not.toContain('pa55');

    const refused = async (connector: unknown, status: number, code: string) => {
      const r = await call(operatorToken, { supplierId, connector });
      expect(r.status, JSON.stringify(connector)).toBe(status);
      expect(r.text).toContain(code);
    };
    await refused({ ...sftp, schedule: ['25:00'] }, 400, 'CONNECTOR_INVALID');
    await refused(
      { ...sftp, sftp: { ...sftp.sftp, hostKeySha256: 'whatever' } },
      400,
      'CONNECTOR_INVALID',
    );
    await refused(
      { ...sftp, sftp: { ...sftp.sftp, uploadDir: '/a/../etc' } },
      400,
      'CONNECTOR_INVALID',
    );
    await refused(
      { ...sftp, sftp: { ...sftp.sftp, password: undefined } },
      400,
      'CONNECTOR_INVALID',
    );
    await refused(
      { kind: 'file_email', schedule: ['09:00'], email: 'not-an-address' },
      400,
      'CONNECTOR_INVALID',
    );
    await refused(
      { kind: 'file_email', schedule: ['09:00'], email: 'a\u0000@b.example' },
      400,
      'INPUT_INVALID_TEXT',
    );
    await refused({ kind: 'carrier_pigeon' }, 400, 'BAD_REQUEST');
    const unknown = await call(operatorToken, {
      supplierId: '00000000-0000-4000-8000-000000000000',
      connector: { kind: 'api_pull' },
    });
    expect(unknown.status).toBe(404);
    // Nothing of the refused settings was written.
    const after = await p.admin
      .selectFrom('supplier_file_settings')
      .select('schedule_minutes')
      .where('supplier_id', '=', supplierId)
      .executeTakeFirstOrThrow();
    expect(after.schedule_minutes).toEqual([510, 960]);
  });
});

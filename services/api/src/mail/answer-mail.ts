import type { AddressInfo } from 'node:net';
import { type Db, findSupplierByFileEmail } from '@switchyard/db';
import { formatAnswerReportCsv, MAX_ANSWER_BYTES } from '@switchyard/domain/csv';
import type { EmailBatchSender } from '@switchyard/suppliers';
import { processSupplierFile, type SupplierMessageDeps } from '@switchyard/workflows';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

export interface AnswerMailOptions {
  /** The platform's file address: the only recipient taken. */
  address: string;
  host?: string;
  port?: number;
  /** Sends each file's report back to the supplier; absent, reports are only stored. */
  reports?: Pick<EmailBatchSender, 'sendReport'> | undefined;
}

/** A mail holds a few answer files; anything larger than this is not one. */
const MAX_MAIL_BYTES = 4 * MAX_ANSWER_BYTES;
const MAX_FILES_PER_MAIL = 5;

const refuse = (code: number, message: string) =>
  Object.assign(new Error(message), { responseCode: code });

/**
 * R-RT-2: answer files by e-mail reply. An SMTP receiver (smtp-server) in the api process takes
 * mail for the platform's file address only, up to 4 MiB, from an address that a file supplier
 * registered, in both the envelope and the From header; each CSV attachment is processed like an
 * upload (processSupplierFile: by content hash, row by row) and its report is mailed back.
 * Anything else is refused during the SMTP dialogue with a 5xx, so the sender's server bounces
 * it and nothing is stored. Addresses can be forged: put this behind the platform's MX, which
 * checks SPF/DKIM/DMARC, and only let that MX reach it.
 */
export async function startAnswerMailReceiver(
  deps: SupplierMessageDeps & { db: Db },
  opts: AnswerMailOptions,
) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH'],
    size: MAX_MAIL_BYTES,
    logger: false,
    onRcptTo(address, _session, cb) {
      if (address.address.toLowerCase() !== opts.address.toLowerCase())
        return cb(refuse(550, 'no such mailbox'));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_MAIL_BYTES) chunks.push(c);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded || size > MAX_MAIL_BYTES)
          return cb(refuse(552, 'message too large'));
        const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        receive(sender, Buffer.concat(chunks)).then(
          () => cb(),
          (err: Error & { responseCode?: number }) =>
            cb(err.responseCode ? err : refuse(451, 'try again later')),
        );
      });
    },
  });

  async function receive(envelopeFrom: string, raw: Buffer) {
    const mail = await PostalMime.parse(raw).catch(() => {
      throw refuse(550, 'not a readable message');
    });
    const from = mail.from?.address ?? '';
    if (!from || from.toLowerCase() !== envelopeFrom.toLowerCase())
      throw refuse(550, 'sender and From header differ');
    const suppliers = await findSupplierByFileEmail(deps.db, from);
    // Two suppliers sharing one address could not be told apart: refused, never guessed.
    if (suppliers.length !== 1) throw refuse(550, 'sender is not a registered supplier address');
    const supplier = suppliers[0]!;
    const files = mail.attachments.filter(
      (a) => /\.csv$/i.test(a.filename ?? '') || a.mimeType.toLowerCase() === 'text/csv',
    );
    if (files.length === 0) throw refuse(550, 'no CSV attachment');
    if (files.length > MAX_FILES_PER_MAIL) throw refuse(552, 'too many attachments');
    for (const a of files) {
      const content =
        typeof a.content === 'string'
          ? new TextEncoder().encode(a.content)
          : new Uint8Array(a.content);
      const fileName =
        (a.filename ?? 'answers.csv').replace(/[/\\\0]/g, '_').slice(0, 200) || 'answers.csv';
      const report = await processSupplierFile(deps, {
        supplierId: supplier.id,
        source: 'email',
        fileName,
        content,
      });
      await opts.reports
        ?.sendReport(from, {
          name: `${fileName}.report.csv`,
          content: formatAnswerReportCsv(report),
          inReplyTo: mail.messageId,
        })
        // The file is processed and its report stored: a lost report mail is not worth a bounce.
        .catch(() => undefined);
    }
  }

  await new Promise<void>((resolve) =>
    server.listen(opts.port ?? 2525, opts.host ?? '127.0.0.1', () => resolve()),
  );
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

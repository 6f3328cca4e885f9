import nodemailer from 'nodemailer';
import { type BatchFile, FileTransferError } from './types.ts';

export interface EmailSenderOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`. */
  smtpUrl: string;
  /** The platform's file address: the sender, and where suppliers reply with answer files. */
  from: string;
  /** Refuse to send without TLS (production); tests talk to a local server in the clear. */
  requireTls?: boolean;
}

/** Sends batch files as e-mail attachments (R-RT-2). */
export interface EmailBatchSender {
  send(to: string, file: BatchFile, text: string): Promise<void>;
  /** Answers a supplier's e-mailed answer file with its report (R-RT-2). */
  sendReport(
    to: string,
    report: { name: string; content: string; inReplyTo?: string | undefined },
  ): Promise<void>;
  close(): void;
}

/**
 * One SMTP transport for the worker. The Message-ID is the batch's, so a batch sent again after
 * a crash is the same message to a mail system that dedupes by it, with the same file name.
 */
export function createEmailBatchSender(options: EmailSenderOptions): EmailBatchSender {
  const url = new URL(options.smtpUrl);
  const secure = url.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port) || (secure ? 465 : 587),
    secure,
    requireTLS: options.requireTls ?? false,
    ...(url.username && {
      auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
    }),
  });
  const domain = options.from.split('@')[1] ?? 'switchyard';
  return {
    async send(to, file, text) {
      try {
        await transport.sendMail({
          from: options.from,
          to,
          replyTo: options.from,
          subject: `Switchyard dispatches ${file.name}`,
          messageId: `<batch-${file.batchId}@${domain}>`,
          text,
          attachments: [
            { filename: file.name, content: file.content, contentType: 'text/csv; charset=utf-8' },
          ],
        });
      } catch (err) {
        throw new FileTransferError(
          'SMTP_FAILED',
          `sending the batch by e-mail failed: ${(err as Error).message}`,
          { cause: err },
        );
      }
    },
    async sendReport(to, report) {
      try {
        await transport.sendMail({
          from: options.from,
          to,
          subject: `Switchyard report ${report.name}`,
          ...(report.inReplyTo && { inReplyTo: report.inReplyTo, references: report.inReplyTo }),
          text: 'The report of your answer file is attached: one line per row, with its outcome.',
          attachments: [
            {
              filename: report.name,
              content: report.content,
              contentType: 'text/csv; charset=utf-8',
            },
          ],
        });
      } catch (err) {
        throw new FileTransferError(
          'SMTP_FAILED',
          `sending the report failed: ${(err as Error).message}`,
          {
            cause: err,
          },
        );
      }
    },
    close: () => transport.close(),
  };
}

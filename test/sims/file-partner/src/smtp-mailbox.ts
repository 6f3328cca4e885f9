import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  messageId: string;
  attachments: Array<{ filename: string; mimeType: string; content: string }>;
}

export interface SmtpMailbox {
  /** `smtp://127.0.0.1:<port>`, for the platform's SMTP_URL. */
  url: string;
  /** Mail delivered to the supplier's address, in order. */
  received(): ReceivedMail[];
  /** The next `n` messages are refused with 451 (temporary), as a mail server under load. */
  failNext(n: number): void;
  close(): Promise<void>;
}

/**
 * The supplier's mail server, in process (smtp-server): takes mail only for `address` (550 for
 * any other recipient, as a real MX does), up to `maxBytes`, and keeps each message parsed
 * (postal-mime) with its attachments. Plain SMTP on loopback: no STARTTLS offered.
 */
export async function startSmtpMailbox(opts: {
  address: string;
  maxBytes?: number;
}): Promise<SmtpMailbox> {
  const mails: ReceivedMail[] = [];
  let failures = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: opts.maxBytes ?? 10 * 1024 * 1024,
    logger: false,
    onRcptTo(address, _session, cb) {
      if (address.address.toLowerCase() !== opts.address.toLowerCase()) {
        const err = Object.assign(new Error('no such user here'), { responseCode: 550 });
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failures > 0) {
          failures--;
          return cb(Object.assign(new Error('try again later'), { responseCode: 451 }));
        }
        PostalMime.parse(Buffer.concat(chunks))
          .then((m) => {
            mails.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: m.subject ?? '',
              messageId: m.messageId ?? '',
              attachments: m.attachments.map((a) => ({
                filename: a.filename ?? '',
                mimeType: a.mimeType,
                content:
                  typeof a.content === 'string' ? a.content : new TextDecoder().decode(a.content),
              })),
            });
            cb();
          })
          .catch((err: Error) => cb(err));
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => [...mails],
    failNext(n) {
      failures = n;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

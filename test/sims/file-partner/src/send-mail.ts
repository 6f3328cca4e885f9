import nodemailer from 'nodemailer';

/**
 * The supplier's mail client: sends a message with CSV attachments to `to` through the SMTP
 * server at `smtpUrl`, as a clerk replying from the supplier's mailbox would. Rejects with the
 * server's SMTP answer when it refuses.
 */
export async function sendSupplierMail(opts: {
  smtpUrl: string;
  from: string;
  to: string;
  subject?: string;
  attachments: Array<{ filename: string; content: string | Buffer }>;
  /** The envelope sender, when it differs from the From header (a forger's trick). */
  envelopeFrom?: string;
}): Promise<void> {
  const url = new URL(opts.smtpUrl);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port),
    secure: false,
    ignoreTLS: true,
  });
  try {
    await transport.sendMail({
      from: opts.from,
      to: opts.to,
      subject: opts.subject ?? 'Re: Switchyard dispatches',
      text: 'Answers attached.',
      attachments: opts.attachments.map((a) => ({ ...a, contentType: 'text/csv' })),
      ...(opts.envelopeFrom && { envelope: { from: opts.envelopeFrom, to: opts.to } }),
    });
  } finally {
    transport.close();
  }
}

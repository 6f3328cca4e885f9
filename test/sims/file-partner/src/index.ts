// The supplier's side of the file connector (R-RT-2): its mail server and its SFTP server.

export { sendSupplierMail } from './send-mail.ts';
export { type SftpSim, startSftpSim } from './sftp-server.ts';
export { type ReceivedMail, type SmtpMailbox, startSmtpMailbox } from './smtp-mailbox.ts';

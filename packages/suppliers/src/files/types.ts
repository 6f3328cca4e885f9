/** A batch file for a supplier without IT (R-RT-2). */
export interface BatchFile {
  /** Stable for the batch: a retry sends the same name, so the supplier sees one file. */
  name: string;
  content: string;
  /** The batch's id; the e-mail's Message-ID is derived from it. */
  batchId: string;
}

/** Where an SFTP supplier's files go and answers come from; secrets already decrypted. */
export interface SftpTarget {
  host: string;
  port: number;
  user: string;
  password?: string | undefined;
  privateKey?: string | undefined;
  /** `SHA256:<base64>` of the server's host key; any other key is refused (no MITM). */
  hostKeySha256: string;
  /** Where batch files and reports are written. */
  uploadDir: string;
  /** Where the supplier drops its answer files; taken ones move to `processed/` below it. */
  outboxDir: string;
}

/** An answer file found in a supplier's SFTP outbox. */
export interface OutboxFile {
  name: string;
  content: Buffer;
}

/** Why a file transfer failed, for the batch's `last_error` and the retry decision. */
export class FileTransferError extends Error {
  override readonly name = 'FileTransferError';
  constructor(
    readonly code: 'SFTP_UNREACHABLE' | 'SFTP_HOST_KEY_MISMATCH' | 'SFTP_FAILED' | 'SMTP_FAILED',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

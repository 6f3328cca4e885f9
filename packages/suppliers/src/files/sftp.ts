import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { Client, type SFTPWrapper } from 'ssh2';
import { FileTransferError, type OutboxFile, type SftpTarget } from './types.ts';

/** The fingerprint OpenSSH prints for a host key: `SHA256:` and unpadded base64. */
export function hostKeyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** Answer files larger than this are left in the outbox and reported, never read. */
const MAX_OUTBOX_FILE_BYTES = 1024 * 1024;
/** A pick-up takes at most this many files; the rest wait for the next slot. */
const MAX_OUTBOX_FILES = 50;

/** An open SFTP session; `close` ends it. */
export interface SftpSession {
  /** Writes `name` in the upload folder: to `name.part`, then renamed, so it appears whole. */
  upload(name: string, content: string): Promise<void>;
  /** The `.csv` files of the outbox, oldest name first, with the names of those too large. */
  listOutbox(): Promise<{ files: OutboxFile[]; tooLarge: string[] }>;
  /** Moves an answer file to `processed/` under the outbox, replacing one of the same name. */
  markTaken(name: string): Promise<void>;
  close(): void;
}

const call = <T>(fn: (cb: (err: Error | null | undefined, v?: T) => void) => void) =>
  new Promise<T>((resolve, reject) => fn((err, v) => (err ? reject(err) : resolve(v as T))));

/**
 * Opens an SFTP session with the supplier's server (R-RT-2). The server must show the pinned
 * host key: a different one is refused before any credential is sent.
 */
export async function openSftp(t: SftpTarget, timeoutMs = 15_000): Promise<SftpSession> {
  const client = new Client();
  let keyMismatch = false;
  const sftp = await new Promise<SFTPWrapper>((resolve, reject) => {
    client
      .on('ready', () => client.sftp((err, s) => (err ? reject(err) : resolve(s))))
      .on('error', reject)
      .connect({
        host: t.host,
        port: t.port,
        username: t.user,
        ...(t.password !== undefined && { password: t.password }),
        ...(t.privateKey !== undefined && { privateKey: t.privateKey }),
        readyTimeout: timeoutMs,
        hostVerifier: (key: Buffer) => {
          keyMismatch = hostKeyFingerprint(key) !== t.hostKeySha256;
          return !keyMismatch;
        },
      });
  }).catch((err: Error) => {
    client.end();
    if (keyMismatch)
      throw new FileTransferError(
        'SFTP_HOST_KEY_MISMATCH',
        `the SFTP server ${t.host} showed a host key other than the registered one`,
      );
    throw new FileTransferError('SFTP_UNREACHABLE', `SFTP ${t.host}: ${err.message}`, {
      cause: err,
    });
  });

  const failed = (what: string) => (err: Error) => {
    throw new FileTransferError('SFTP_FAILED', `SFTP ${what}: ${err.message}`, { cause: err });
  };
  const processedDir = posix.join(t.outboxDir, 'processed');

  return {
    async upload(name, content) {
      const final = posix.join(t.uploadDir, name);
      const part = `${final}.part`;
      await call<void>((cb) => sftp.writeFile(part, content, cb)).catch(failed(`write ${part}`));
      // SFTP v3 rename refuses an existing target: one left by an attempt that died after the
      // rename is the same file, replaced by this one.
      await call<void>((cb) => sftp.unlink(final, cb)).catch(() => undefined);
      await call<void>((cb) => sftp.rename(part, final, cb)).catch(failed(`rename ${final}`));
    },
    async listOutbox() {
      const entries = await call<
        Array<{ filename: string; attrs: { size: number; mode: number } }>
      >((cb) => sftp.readdir(t.outboxDir, cb)).catch(failed(`list ${t.outboxDir}`));
      const csv = entries
        // Regular files only (S_IFREG), named *.csv; folders and links are not answers.
        .filter((e) => (e.attrs.mode & 0o170000) === 0o100000 && /\.csv$/i.test(e.filename))
        .sort((a, b) => (a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : 0))
        .slice(0, MAX_OUTBOX_FILES);
      const files: OutboxFile[] = [];
      const tooLarge: string[] = [];
      for (const e of csv) {
        if (e.attrs.size > MAX_OUTBOX_FILE_BYTES) {
          tooLarge.push(e.filename);
          continue;
        }
        const path = posix.join(t.outboxDir, e.filename);
        const content = await call<Buffer>((cb) => sftp.readFile(path, cb)).catch(
          failed(`read ${path}`),
        );
        files.push({ name: e.filename, content });
      }
      return { files, tooLarge };
    },
    async markTaken(name) {
      await call<void>((cb) => sftp.mkdir(processedDir, cb)).catch(() => undefined);
      const to = posix.join(processedDir, name);
      await call<void>((cb) => sftp.unlink(to, cb)).catch(() => undefined);
      await call<void>((cb) => sftp.rename(posix.join(t.outboxDir, name), to, cb)).catch(
        failed(`move ${name}`),
      );
    },
    close: () => client.end(),
  };
}

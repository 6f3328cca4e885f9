import { encrypt, type Keyring } from '@switchyard/auth';
import { type Db, getSupplier, setSupplierConnector as writeConnector } from '@switchyard/db';
import { isStorableText, parseScheduleTimes } from '@switchyard/domain';
import { OnboardingError } from './errors.ts';

/** How a supplier is reached (R-RT-2), with the settings of a file connector in the clear. */
export type ConnectorInput =
  | { kind: 'api_push' | 'api_pull' }
  | { kind: 'file_email'; schedule: string[]; email: string }
  | {
      kind: 'file_sftp';
      schedule: string[];
      sftp: {
        host: string;
        port?: number;
        user: string;
        password?: string;
        privateKey?: string;
        /** `SHA256:<base64>`, as `ssh-keyscan host | ssh-keygen -lf -` prints it. */
        hostKeySha256: string;
        uploadDir: string;
        outboxDir: string;
      };
    };

const EMAIL = /^[^\s@<>(),;:"]{1,64}@[A-Za-z0-9.-]{1,189}\.[A-Za-z]{2,}$/;
const HOST = /^[A-Za-z0-9.-]{1,253}$|^\[?[0-9a-fA-F:.]+\]?$/;
const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;
const DIR = /^\/[^\0]{0,254}$/;

const invalid = (message: string) => new OnboardingError('CONNECTOR_INVALID', message);

/**
 * Operator action: sets how a supplier is reached. A file supplier gets its batches at the local
 * times of `schedule` (`["09:00", "15:00"]`, in its registered time zone), by e-mail to `email`
 * or by SFTP; SFTP passwords and private keys are stored encrypted (AES-256-GCM, the keyring of
 * every other secret) and the server's host key is pinned.
 */
export async function setSupplierConnector(
  deps: { db: Db; keyring: Keyring },
  supplierId: string,
  input: ConnectorInput,
): Promise<void> {
  if (!(await getSupplier(deps.db, supplierId)))
    throw new OnboardingError('SUPPLIER_NOT_FOUND', 'no supplier with this id');
  if (input.kind !== 'file_email' && input.kind !== 'file_sftp') {
    await writeConnector(deps.db, supplierId, input.kind);
    return;
  }
  const scheduleMinutes = parseScheduleTimes(input.schedule);
  if (!scheduleMinutes)
    throw invalid('schedule is 1 to 24 distinct local times HH:MM, e.g. ["09:00", "15:00"]');
  if (input.kind === 'file_email') {
    if (!EMAIL.test(input.email) || input.email.length > 254)
      throw invalid('email is not an e-mail address');
    await writeConnector(deps.db, supplierId, input.kind, { scheduleMinutes, email: input.email });
    return;
  }
  const s = input.sftp;
  const port = s.port ?? 22;
  if (!HOST.test(s.host)) throw invalid('sftp.host is not a host name or address');
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalid('sftp.port is 1–65535');
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(s.user)) throw invalid('sftp.user is not a user name');
  if (!FINGERPRINT.test(s.hostKeySha256))
    throw invalid(
      'sftp.hostKeySha256 is the server key fingerprint, SHA256:<43 base64 characters>',
    );
  for (const [name, dir] of [
    ['uploadDir', s.uploadDir],
    ['outboxDir', s.outboxDir],
  ] as const)
    if (!DIR.test(dir) || !isStorableText(dir) || dir.split('/').includes('..'))
      throw invalid(`sftp.${name} is an absolute folder without ..`);
  if (!s.password && !s.privateKey) throw invalid('sftp needs a password or a private key');
  await writeConnector(deps.db, supplierId, input.kind, {
    scheduleMinutes,
    sftp: {
      host: s.host,
      port,
      user: s.user,
      uploadDir: s.uploadDir,
      outboxDir: s.outboxDir,
      hostKeySha256: s.hostKeySha256,
      passwordEnc: s.password ? encrypt(deps.keyring, s.password) : null,
      privateKeyEnc: s.privateKey ? encrypt(deps.keyring, s.privateKey) : null,
    },
  });
}

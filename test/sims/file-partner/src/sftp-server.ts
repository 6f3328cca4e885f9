import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { posix } from 'node:path';
import { type Attributes, type Connection, Server, type SFTPWrapper, utils } from 'ssh2';

const { OPEN_MODE, STATUS_CODE } = utils.sftp;
const FILE_MODE = 0o100644;
const DIR_MODE = 0o040755;

export interface SftpSim {
  host: string;
  port: number;
  user: string;
  password: string;
  /** `SHA256:<base64>` of the host key, as a supplier gives it to the platform's operator. */
  hostKeySha256: string;
  /** The files now on the server, by absolute path. */
  files(): Map<string, Buffer>;
  /** Puts a file on the server, as the supplier's staff drop one in the outbox. */
  put(path: string, content: string | Buffer): void;
  /** The next `n` renames fail, as a server whose disk filled up, or a link that dropped. */
  failRenames(n: number): void;
  /** Uploads seen (completed renames into a final name), in order. */
  uploads(): string[];
  close(): Promise<void>;
}

const attrsOf = (size: number, dir: boolean): Attributes => ({
  mode: dir ? DIR_MODE : FILE_MODE,
  uid: 0,
  gid: 0,
  size,
  atime: 0,
  mtime: 0,
});

/**
 * A supplier's SFTP server, in process (ssh2's server): password login for one user, an
 * in-memory file tree with the folders the supplier set up, and the SFTP v3 behaviours a client
 * meets on a real server (a rename onto an existing file fails, missing paths say NO_SUCH_FILE,
 * a folder that exists cannot be made again). Host key generated per instance.
 */
export async function startSftpSim(
  opts: { user?: string; password?: string; dirs?: string[] } = {},
): Promise<SftpSim> {
  const user = opts.user ?? 'factory';
  const password = opts.password ?? 'sftp-secret';
  // ECDSA: ssh2's ed25519 key generation now and then writes a key its own parser refuses.
  const hostKey = utils.generateKeyPairSync('ecdsa', { bits: 256 }).private;
  const parsed = utils.parseKey(hostKey);
  if (parsed instanceof Error) throw parsed;
  const hostKeySha256 = `SHA256:${createHash('sha256')
    .update(parsed.getPublicSSH())
    .digest('base64')
    .replace(/=+$/, '')}`;
  const files = new Map<string, Buffer>();
  const dirs = new Set<string>(['/', ...(opts.dirs ?? [])]);
  const uploads: string[] = [];
  let renameFailures = 0;
  const clients = new Set<Connection>();

  const server = new Server({ hostKeys: [hostKey] }, (client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.on('error', () => {});
    client.on('authentication', (ctx) => {
      if (ctx.method === 'password' && ctx.username === user && ctx.password === password)
        ctx.accept();
      else ctx.reject(['password']);
    });
    client.on('ready', () => {
      client.on('session', (accept) => {
        accept().on('sftp', (acceptSftp) => serve(acceptSftp()));
      });
    });
  });

  function serve(sftp: SFTPWrapper) {
    const handles = new Map<
      number,
      { path: string; dir: boolean; listed?: boolean; buf?: Buffer; write?: boolean }
    >();
    let next = 0;
    const handle = (h: Buffer) => handles.get(h.readUInt32BE(0));
    const newHandle = (v: Parameters<typeof handles.set>[1]) => {
      const id = next++;
      handles.set(id, v);
      const b = Buffer.alloc(4);
      b.writeUInt32BE(id, 0);
      return b;
    };
    const norm = (p: string) => posix.normalize(posix.join('/', p));
    const ok = (id: number) => sftp.status(id, STATUS_CODE.OK);
    const missing = (id: number) => sftp.status(id, STATUS_CODE.NO_SUCH_FILE);
    const failure = (id: number, m: string) => sftp.status(id, STATUS_CODE.FAILURE, m);

    sftp.on('OPEN', (id, filename, flags) => {
      const path = norm(filename);
      if (!dirs.has(posix.dirname(path))) return missing(id);
      if (flags & OPEN_MODE.WRITE) {
        const existing = files.get(path);
        if (existing && flags & OPEN_MODE.EXCL) return failure(id, 'exists');
        const buf = flags & OPEN_MODE.TRUNC || !existing ? Buffer.alloc(0) : existing;
        files.set(path, buf);
        return sftp.handle(id, newHandle({ path, dir: false, buf, write: true }));
      }
      const buf = files.get(path);
      if (!buf) return missing(id);
      sftp.handle(id, newHandle({ path, dir: false, buf }));
    });
    sftp.on('WRITE', (id, h, offset, data) => {
      const f = handle(h);
      if (!f?.write || !f.buf) return failure(id, 'bad handle');
      const end = offset + data.length;
      const buf =
        f.buf.length >= end
          ? Buffer.from(f.buf)
          : Buffer.concat([f.buf, Buffer.alloc(end - f.buf.length)]);
      data.copy(buf, offset);
      f.buf = buf;
      files.set(f.path, buf);
      ok(id);
    });
    sftp.on('READ', (id, h, offset, len) => {
      const f = handle(h);
      const buf = f && files.get(f.path);
      if (!buf) return failure(id, 'bad handle');
      if (offset >= buf.length) return sftp.status(id, STATUS_CODE.EOF);
      sftp.data(id, buf.subarray(offset, Math.min(buf.length, offset + len)));
    });
    sftp.on('FSTAT', (id, h) => {
      const f = handle(h);
      if (!f) return failure(id, 'bad handle');
      sftp.attrs(id, attrsOf(f.dir ? 0 : (files.get(f.path)?.length ?? 0), f.dir));
    });
    const stat = (id: number, p: string) => {
      const path = norm(p);
      if (dirs.has(path)) return sftp.attrs(id, attrsOf(0, true));
      const buf = files.get(path);
      if (!buf) return missing(id);
      sftp.attrs(id, attrsOf(buf.length, false));
    };
    sftp.on('STAT', stat);
    sftp.on('LSTAT', stat);
    sftp.on('CLOSE', (id, h) => {
      handles.delete(h.readUInt32BE(0));
      ok(id);
    });
    sftp.on('REALPATH', (id, p) => {
      const path = norm(p);
      sftp.name(id, [{ filename: path, longname: path, attrs: attrsOf(0, true) }]);
    });
    sftp.on('OPENDIR', (id, p) => {
      const path = norm(p);
      if (!dirs.has(path)) return missing(id);
      sftp.handle(id, newHandle({ path, dir: true }));
    });
    sftp.on('READDIR', (id, h) => {
      const d = handle(h);
      if (!d?.dir) return failure(id, 'bad handle');
      if (d.listed) return sftp.status(id, STATUS_CODE.EOF);
      d.listed = true;
      const inDir = (p: string) => posix.dirname(p) === d.path && p !== d.path;
      const entries = [
        ...[...dirs].filter(inDir).map((p) => ({ p, a: attrsOf(0, true) })),
        ...[...files]
          .filter(([p]) => inDir(p))
          .map(([p, b]) => ({ p, a: attrsOf(b.length, false) })),
      ].map(({ p, a }) => ({ filename: posix.basename(p), longname: posix.basename(p), attrs: a }));
      if (entries.length === 0) return sftp.status(id, STATUS_CODE.EOF);
      sftp.name(id, entries);
    });
    sftp.on('REMOVE', (id, p) => (files.delete(norm(p)) ? ok(id) : missing(id)));
    sftp.on('MKDIR', (id, p) => {
      const path = norm(p);
      if (dirs.has(path) || files.has(path)) return failure(id, 'exists');
      if (!dirs.has(posix.dirname(path))) return missing(id);
      dirs.add(path);
      ok(id);
    });
    sftp.on('RENAME', (id, from, to) => {
      const a = norm(from);
      const b = norm(to);
      const buf = files.get(a);
      if (!buf) return missing(id);
      if (files.has(b) || dirs.has(b)) return failure(id, 'target exists');
      if (!dirs.has(posix.dirname(b))) return missing(id);
      if (renameFailures > 0) {
        renameFailures--;
        return failure(id, 'no space left on device');
      }
      files.delete(a);
      files.set(b, buf);
      uploads.push(b);
      ok(id);
    });
  }

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    hostKeySha256,
    files: () => files,
    put(path, content) {
      files.set(posix.normalize(path), Buffer.from(content));
    },
    failRenames(n) {
      renameFailures = n;
    },
    uploads: () => [...uploads],
    async close() {
      for (const c of clients) c.end();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

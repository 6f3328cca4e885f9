import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './ports.ts';
import { startTemporalDevServer } from './temporal.ts';

/** A port another process holds, as when it won the race for a port we picked. */
let taken: number;
let holder: Server;
beforeAll(async () => {
  taken = await freePort();
  holder = createServer((socket) => socket.destroy());
  await new Promise<void>((r) => holder.listen(taken, '127.0.0.1', r));
});
afterAll(() => new Promise<void>((r) => holder.close(() => r())));

describe('startTemporalDevServer', () => {
  it('starts again on new ports when it lost one, and says so', async () => {
    const logs: string[] = [];
    let picks = 0;
    const server = await startTemporalDevServer({
      log: (m) => logs.push(m),
      pickPort: () => (picks++ === 0 ? Promise.resolve(taken) : freePort()),
    });
    try {
      expect(server.address).not.toBe(`127.0.0.1:${taken}`);
      expect(logs.join('\n')).toContain(`(port ${taken}, http `);
      expect(logs.join('\n')).toContain('lost a port to another process; restarting');
    } finally {
      await server.stop();
    }
  });

  it('says why when it cannot start: its ports and its own words', async () => {
    const failed = startTemporalDevServer({ pickPort: () => Promise.resolve(taken) });
    await expect(failed).rejects.toThrow(`temporal dev server (port ${taken}, http ${taken}`);
    await expect(failed).rejects.toThrow(/exited with code 1:\n.*address already in use/);
  });
});

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './index.ts';

describe('logger', () => {
  it('never writes buyer PII or tokens (R-ONB-3)', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = createLogger('t', { destination: sink });
    log.info(
      {
        order: { phone: '+14155550100', name: 'Ada Lovelace', id: '42' },
        shop: { access_token: 'TTP_x' },
      },
      'hello',
    );
    const out = lines.join('');
    expect(out).toContain('"id":"42"');
    expect(out).not.toContain('+14155550100');
    expect(out).not.toContain('Ada Lovelace');
    expect(out).not.toContain('TTP_x');
  });
});

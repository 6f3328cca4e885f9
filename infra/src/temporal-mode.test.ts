import { describe, expect, it } from 'vitest';
import { temporalMode } from './temporal-mode.ts';

describe('temporalMode', () => {
  it('is the dev server unless SWITCHYARD_TEMPORAL says postgres', () => {
    expect(temporalMode({})).toEqual({ server: 'dev' });
    expect(temporalMode({ SWITCHYARD_TEMPORAL: 'dev' })).toEqual({ server: 'dev' });
    expect(temporalMode({ SWITCHYARD_TEMPORAL: ' Postgres ' })).toEqual({
      server: 'postgres',
      shards: 4,
    });
    expect(
      temporalMode({ SWITCHYARD_TEMPORAL: 'postgres', SWITCHYARD_TEMPORAL_SHARDS: '16' }),
    ).toEqual({ server: 'postgres', shards: 16 });
  });

  it('refuses what it does not know instead of running on the wrong server', () => {
    expect(() => temporalMode({ SWITCHYARD_TEMPORAL: 'postgresql' })).toThrow(
      'expected "dev" (the default) or "postgres"',
    );
    for (const shards of ['0', '-1', '2.5', 'four', '99999'])
      expect(() =>
        temporalMode({ SWITCHYARD_TEMPORAL: 'postgres', SWITCHYARD_TEMPORAL_SHARDS: shards }),
      ).toThrow('SWITCHYARD_TEMPORAL_SHARDS');
  });
});

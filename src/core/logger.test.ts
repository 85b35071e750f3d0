import { describe, expect, it } from 'vitest';
import { createLogger, redact } from './logger.ts';

describe('logger', () => {
  it('never writes values under secret-looking keys', () => {
    const lines: string[] = [];
    const logger = createLogger('debug', (line) => lines.push(line));
    logger.info('connected', {
      connector: 'shopify',
      accessToken: 'shpat_live_secret',
      nested: {
        client_secret: 'abc123',
        apiKey: 'kio_x_y',
        password: 'hunter2',
        headers: { Authorization: 'Bearer zzz' },
      },
      list: [{ refresh_token: 'r1' }],
    });
    const written = lines.join('\n');
    for (const secret of ['shpat_live_secret', 'abc123', 'kio_x_y', 'hunter2', 'Bearer zzz', 'r1'])
      expect(written).not.toContain(secret);
    expect(written).toContain('shopify');
  });

  it('keeps ordinary values and respects the level', () => {
    expect(redact({ name: 'Mama Joyce', amount: 5 })).toEqual({ name: 'Mama Joyce', amount: 5 });
    const lines: string[] = [];
    createLogger('warn', (line) => lines.push(line)).info('hidden');
    expect(lines).toEqual([]);
  });
});

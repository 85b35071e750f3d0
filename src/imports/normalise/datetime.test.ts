import { describe, expect, it } from 'vitest';
import { normaliseDateTime, zoneOffset } from './datetime.ts';

const dar = 'Africa/Dar_es_Salaam';

describe('normaliseDateTime', () => {
  it.each([
    ['12/03/2026 14:05', 'dmy', dar, '2026-03-12T11:05:00.000Z'],
    ['2026-03-12 14:05:33', 'dmy', dar, '2026-03-12T11:05:33.000Z'],
    ['2026-03-12T14:05:33.123', 'ymd', dar, '2026-03-12T11:05:33.123Z'],
    ['2026-03-12T14:05:00Z', 'dmy', dar, '2026-03-12T14:05:00.000Z'],
    ['2026-03-12 14:05 +01:00', 'dmy', dar, '2026-03-12T13:05:00.000Z'],
    ['12 Mar 2026, 14:05 EAT', 'dmy', 'UTC', '2026-03-12T11:05:00.000Z'],
    ['12/03/2026 2:05 PM', 'dmy', dar, '2026-03-12T11:05:00.000Z'],
    ['03/12/2026 2:05pm', 'mdy', dar, '2026-03-12T11:05:00.000Z'],
    ['12/03/2026 12:30 AM', 'dmy', dar, '2026-03-11T21:30:00.000Z'],
    ['12/03/2026 02:00', 'dmy', 'Africa/Nairobi', '2026-03-11T23:00:00.000Z'],
    ['2026-07-01 12:00', 'ymd', 'Europe/London', '2026-07-01T11:00:00.000Z'],
    ['2026-01-01 12:00', 'ymd', 'Europe/London', '2026-01-01T12:00:00.000Z'],
  ] as const)('%s (%s, %s) is %s', (text, order, zone, iso) => {
    expect(normaliseDateTime(text, order, zone)).toEqual({ ok: true, value: iso });
  });

  it('reads a date alone as local midnight, with a note', () => {
    expect(normaliseDateTime('12/03/2026', 'dmy', dar)).toEqual({
      ok: true,
      value: '2026-03-11T21:00:00.000Z',
      note: 'no time given: midnight used',
    });
  });

  it('reads the time in an Excel serial', () => {
    expect(normaliseDateTime('45728.5', 'dmy', dar, { excelSerials: true })).toEqual({
      ok: true,
      value: '2025-03-12T09:00:00.000Z',
    });
  });

  it.each([
    ['12/03/2026 25:00', 'time 25:00 does not exist'],
    ['12/03/2026 13:00 PM', 'time 13:00 PM does not exist'],
    ['12/03/2026 14:75', 'time 14:75 does not exist'],
    ['31/02/2026 10:00', 'date 31/02/2026 does not exist (read as day/month/year)'],
    ['12/03/2026 noon', '"noon" is not a time'],
    ['yesterday', '"yesterday" is not a date'],
  ])('%s is an error', (text, error) => {
    expect(normaliseDateTime(text, 'dmy', dar)).toEqual({ ok: false, error });
  });

  it('refuses an unknown time zone as a setup error, not a cell error', () => {
    expect(() => normaliseDateTime('12/03/2026 14:05', 'dmy', 'Africa/Atlantis')).toThrow(/time zone/);
  });

  it('knows the offsets of zones', () => {
    expect(zoneOffset(Date.UTC(2026, 2, 12), dar)).toBe(180);
    expect(zoneOffset(Date.UTC(2026, 6, 1), 'America/New_York')).toBe(-240);
  });
});

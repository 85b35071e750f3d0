import { describe, expect, it } from 'vitest';
import type { FieldType } from '../types.ts';
import { defaultDateOrder, looksLike, type NormaliseContext, normaliserFor } from './registry.ts';

const tz: NormaliseContext = { region: 'TZ', currency: 'TZS', timeZone: 'Africa/Dar_es_Salaam' };

describe('normaliserFor', () => {
  it.each<[FieldType, string, unknown]>([
    ['text', '  Duka  la Joyce ', 'Duka  la Joyce'],
    ['id', ' 000123 ', '000123'],
    ['name', 'JOYCE MUSHI', 'Joyce Mushi'],
    ['phone', '0712 345 678', '+255712345678'],
    ['email', 'Joyce@Example.com', 'joyce@example.com'],
    ['money', '2,400,000', { minor: 240_000_000, currency: 'TZS' }],
    ['date', '03/04/2026', '2026-04-03'],
    ['datetime', '03/04/2026 14:05', '2026-04-03T11:05:00.000Z'],
    ['number', '1,5', 1.5],
    ['integer', '1,200', 1200],
    ['boolean', 'ndiyo', true],
    ['currency', 'KSh', 'KES'],
    ['country', 'Kenya', 'KE'],
  ])('%s reads %s', (type, text, value) => {
    expect(normaliserFor(type, tz)(text)).toEqual({ ok: true, value });
  });

  it.each<FieldType>([
    'text',
    'id',
    'name',
    'phone',
    'email',
    'money',
    'date',
    'datetime',
    'number',
    'integer',
    'boolean',
    'currency',
    'country',
  ])('%s returns null for an empty cell', (type) => {
    expect(normaliserFor(type, tz)('  ')).toEqual({ ok: true, value: null });
  });

  it('uses the context: region, currency, zone, date order and Excel serials', () => {
    const ke: NormaliseContext = {
      region: 'KE',
      currency: 'KES',
      timeZone: 'Africa/Nairobi',
      dateOrder: 'mdy',
    };
    expect(normaliserFor('phone', ke)('0712 345 678')).toEqual({ ok: true, value: '+254712345678' });
    expect(normaliserFor('money', ke)('1,200.50')).toEqual({
      ok: true,
      value: { minor: 120_050, currency: 'KES' },
    });
    expect(normaliserFor('date', ke)('03/04/2026')).toEqual({ ok: true, value: '2026-03-04' });
    expect(normaliserFor('date', { ...tz, excelSerials: true })('45728')).toEqual({
      ok: true,
      value: '2025-03-12',
    });
    expect(normaliserFor('date', { region: 'US', currency: 'USD', timeZone: 'UTC' })('03/04/2026')).toEqual({
      ok: true,
      value: '2026-03-04',
    });
  });

  it.each([
    ['TZ', 'dmy'],
    ['KE', 'dmy'],
    ['GB', 'dmy'],
    ['US', 'mdy'],
    ['us', 'mdy'],
  ])('the usual date order in %s is %s', (region, order) => {
    expect(defaultDateOrder(region)).toBe(order);
  });
});

describe('looksLike', () => {
  const emails = ['joyce@example.com', 'juma@duka.co.tz', 'n/a', ''];
  const phones = ['0712 345 678', '+254 722 000 111', '2547******678', '0754111222'];
  const names = ['Joyce Mushi', 'MAMA JUMA', 'Ali bin Hassan'];
  const dates = ['12/03/2026', '31/03/2026', '1 Apr 2026'];
  const amounts = ['TSh 2,400,000', '1,200.50', '(500)', 'KES 300'];

  it.each<[FieldType, string[], number]>([
    ['email', emails, 2 / 3],
    ['email', phones, 0],
    ['phone', phones, 1],
    ['phone', names, 0],
    ['phone', ['12', '0712 345 678'], 0.5],
    ['name', names, 1],
    ['name', emails, 0],
    ['name', phones, 0],
    ['date', dates, 1],
    ['date', ['45728', '45729'], 1],
    ['date', ['1', '2', '3'], 0],
    ['datetime', ['2026-03-12 14:05:33', '2026-03-13 09:00:00'], 1],
    ['money', amounts, 1],
    ['money', names, 0],
    ['integer', ['1', '2', '2.5', '4'], 0.75],
    ['boolean', ['yes', 'no', 'Y', 'maybe'], 0.75],
    ['country', ['Tanzania', 'KE', 'Uganda'], 1],
    ['currency', ['TSh', 'USD', 'KSh'], 1],
    ['id', ['INV-001', 'INV-002', 'two words'], 2 / 3],
    ['text', names, 1],
    ['email', [], 0],
    ['email', ['', '  '], 0],
  ])('%s fits %j at %d', (type, values, score) => {
    expect(looksLike(type, values)).toBeCloseTo(score, 5);
  });

  it('scores phones with the business region first, then its neighbours', () => {
    expect(looksLike('phone', ['0712 345 678', '0722 000 111'], { region: 'KE' })).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import {
  darajaMsisdn,
  eatTimestamp,
  parseEatTimestamp,
  phoneFromMsisdn,
  resultMeaning,
  stkPassword,
  toMinorUnits,
} from './format.ts';

describe('Daraja formats', () => {
  it('builds the STK password of test vector M1 (the official doc sample)', () => {
    expect(
      stkPassword(
        '174379',
        'bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919',
        '20210628092408',
      ),
    ).toBe(
      'MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZTZiNzJhZGExZWQyYzkxOTIwMjEwNjI4MDkyNDA4',
    );
  });

  it('writes and reads timestamps in East Africa Time', () => {
    expect(eatTimestamp(new Date('2021-06-28T06:24:08Z'))).toBe('20210628092408');
    expect(eatTimestamp(new Date('2026-12-31T22:30:00Z'))).toBe('20270101013000');
    expect(parseEatTimestamp('20231121121325')?.toISOString()).toBe('2023-11-21T09:13:25.000Z');
    expect(parseEatTimestamp(20191219102115)?.toISOString()).toBe('2019-12-19T07:21:15.000Z');
    expect(parseEatTimestamp('20231131121325')).toBeUndefined();
    expect(parseEatTimestamp('2023-11-21')).toBeUndefined();
  });

  it('turns Daraja amounts into minor units', () => {
    expect(toMinorUnits('5.00')).toBe(500);
    expect(toMinorUnits('10')).toBe(1000);
    expect(toMinorUnits('1,250.5')).toBe(125050);
    expect(toMinorUnits(1)).toBe(100);
    expect(toMinorUnits(10.5)).toBe(1050);
    expect(toMinorUnits('5.005')).toBeUndefined();
    expect(toMinorUnits('KES 5')).toBeUndefined();
    expect(toMinorUnits(-1)).toBeUndefined();
  });

  it('normalises Kenyan numbers for Daraja', () => {
    for (const input of ['+254708374149', '254708374149', '0708 374 149', '708374149', '0708-374-149'])
      expect(darajaMsisdn(input)).toBe('254708374149');
    expect(darajaMsisdn('0110123456')).toBe('254110123456');
    expect(darajaMsisdn('+255712345678')).toBeUndefined();
    expect(darajaMsisdn('0208374149')).toBeUndefined();
  });

  it('keeps only dialable callback numbers', () => {
    expect(phoneFromMsisdn(254708374149)).toBe('+254708374149');
    expect(phoneFromMsisdn('2547 ***** 126')).toBeNull();
    expect(phoneFromMsisdn('25470****149')).toBeNull();
    expect(phoneFromMsisdn('bbff37cea44ac0b2d964ee0dfb8d2df8513dc7ba1b36129a929fc3fbd6dd4af4')).toBeNull();
    expect(phoneFromMsisdn(undefined)).toBeNull();
  });

  it('names result codes in plain words', () => {
    expect(resultMeaning(1032)).toMatch(/cancelled/);
    expect(resultMeaning('1037')).toMatch(/could not be reached/);
    expect(resultMeaning(1)).toMatch(/balance/);
    expect(resultMeaning(2001)).toMatch(/wrong PIN/);
    expect(resultMeaning(1019)).toMatch(/expired/);
    expect(resultMeaning(4242, 'Something odd')).toBe('M-Pesa said: Something odd');
  });
});

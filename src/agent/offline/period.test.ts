import { describe, expect, it } from 'vitest';
import { locatePeriod, parsePeriod, thisMonthPeriod, todayPeriod } from './period.ts';

const monday = '2026-11-23';

describe('parsePeriod', () => {
  it.each([
    ['today', '2026-11-23', '2026-11-23', 'today'],
    ['mauzo ya leo', '2026-11-23', '2026-11-23', 'today'],
    ['yesterday', '2026-11-22', '2026-11-22', 'yesterday'],
    ['nimeuza kiasi gani jana', '2026-11-22', '2026-11-22', 'yesterday'],
    ['what happened last night', '2026-11-22', '2026-11-22', 'yesterday'],
    ['juzi', '2026-11-21', '2026-11-21', 'day before yesterday'],
    ['this week', '2026-11-23', '2026-11-23', 'this week'],
    ['wiki hii', '2026-11-23', '2026-11-23', 'this week'],
    ['wiki hii ya sasa', '2026-11-23', '2026-11-23', 'this week'],
    ['last week', '2026-11-16', '2026-11-22', 'last week'],
    ['wiki iliyopita', '2026-11-16', '2026-11-22', 'last week'],
    ['wiki jana', '2026-11-16', '2026-11-22', 'last week'],
    ['THIS MONTH', '2026-11-01', '2026-11-23', 'this month'],
    ['mwezi huu', '2026-11-01', '2026-11-23', 'this month'],
    ['last month', '2026-10-01', '2026-10-31', 'last month'],
    ['mwezi uliopita', '2026-10-01', '2026-10-31', 'last month'],
    ['mwezi jana', '2026-10-01', '2026-10-31', 'last month'],
    ['this year', '2026-01-01', '2026-11-23', 'this year'],
    ['mwaka huu', '2026-01-01', '2026-11-23', 'this year'],
    ['last year', '2025-01-01', '2025-12-31', 'last year'],
    ['mwaka uliopita', '2025-01-01', '2025-12-31', 'last year'],
    ['mwaka jana', '2025-01-01', '2025-12-31', 'last year'],
    ['sales for the last 7 days', '2026-11-17', '2026-11-23', 'last 7 days'],
    ['past 30 days', '2026-10-25', '2026-11-23', 'last 30 days'],
    ['siku 30 zilizopita', '2026-10-25', '2026-11-23', 'last 30 days'],
    ['last 1 day', '2026-11-23', '2026-11-23', 'last 1 days'],
  ])('%s', (text, from, to, label) => {
    expect(parsePeriod(text, monday)).toEqual({ from, to, label });
  });

  it.each([
    ['sales in March', '2026-03-01', '2026-03-31', 'March 2026'],
    ['mauzo ya Machi', '2026-03-01', '2026-03-31', 'March 2026'],
    ['mauzo ya mwezi wa tatu', '2026-03-01', '2026-03-31', 'March 2026'],
    ['mwezi wa kwanza', '2026-01-01', '2026-01-31', 'January 2026'],
    ['mwezi wa pili', '2026-02-01', '2026-02-28', 'February 2026'],
    ['mwezi wa kumi na moja', '2026-11-01', '2026-11-23', 'November 2026'],
    ['mwezi wa kumi na mbili', '2025-12-01', '2025-12-31', 'December 2025'],
    ['mwezi wa 3', '2026-03-01', '2026-03-31', 'March 2026'],
    ['in December', '2025-12-01', '2025-12-31', 'December 2025'],
    ['Desemba', '2025-12-01', '2025-12-31', 'December 2025'],
    ['Disemba', '2025-12-01', '2025-12-31', 'December 2025'],
    ['Januari', '2026-01-01', '2026-01-31', 'January 2026'],
    ['Februari', '2026-02-01', '2026-02-28', 'February 2026'],
    ['Aprili', '2026-04-01', '2026-04-30', 'April 2026'],
    ['Mei', '2026-05-01', '2026-05-31', 'May 2026'],
    ['Juni', '2026-06-01', '2026-06-30', 'June 2026'],
    ['Julai', '2026-07-01', '2026-07-31', 'July 2026'],
    ['Agosti', '2026-08-01', '2026-08-31', 'August 2026'],
    ['Septemba', '2026-09-01', '2026-09-30', 'September 2026'],
    ['Oktoba', '2026-10-01', '2026-10-31', 'October 2026'],
    ['Novemba', '2026-11-01', '2026-11-23', 'November 2026'],
    ['sales in may', '2026-05-01', '2026-05-31', 'May 2026'],
    ['for Feb', '2026-02-01', '2026-02-28', 'February 2026'],
    ['March 2024', '2024-03-01', '2024-03-31', 'March 2024'],
    ['Februari 2024', '2024-02-01', '2024-02-29', 'February 2024'],
  ])('%s is that month of the current year, or of last year if still ahead', (text, from, to, label) => {
    expect(parsePeriod(text, monday)).toEqual({ from, to, label });
  });

  it('starts weeks on Monday', () => {
    expect(parsePeriod('this week', '2026-11-29')).toEqual({
      from: '2026-11-23',
      to: '2026-11-29',
      label: 'this week',
    });
    expect(parsePeriod('this week', '2026-11-25')).toMatchObject({ from: '2026-11-23', to: '2026-11-25' });
    expect(parsePeriod('last week', '2026-11-29')).toMatchObject({ from: '2026-11-16', to: '2026-11-22' });
  });

  it('crosses month and year ends', () => {
    expect(parsePeriod('jana', '2026-03-01')).toMatchObject({ from: '2026-02-28', to: '2026-02-28' });
    expect(parsePeriod('jana', '2024-03-01')).toMatchObject({ from: '2024-02-29', to: '2024-02-29' });
    expect(parsePeriod('last month', '2026-01-15')).toMatchObject({ from: '2025-12-01', to: '2025-12-31' });
    expect(parsePeriod('last month', '2024-03-31')).toMatchObject({ from: '2024-02-01', to: '2024-02-29' });
    expect(parsePeriod('last week', '2026-01-02')).toMatchObject({ from: '2025-12-22', to: '2025-12-28' });
    expect(parsePeriod('yesterday', '2026-01-01')).toMatchObject({ from: '2025-12-31', to: '2025-12-31' });
  });

  it('tells "jana" from "mwezi jana", "wiki jana" and "mwaka jana"', () => {
    expect(parsePeriod('malipo ya jana', monday)?.label).toBe('yesterday');
    expect(parsePeriod('malipo ya mwezi jana', monday)?.label).toBe('last month');
    expect(parsePeriod('malipo ya wiki jana', monday)?.label).toBe('last week');
    expect(parsePeriod('malipo ya mwaka jana', monday)?.label).toBe('last year');
  });

  it('ignores "mwezi" and month-like words that are not a period', () => {
    expect(parsePeriod('nalipa kodi kila mwezi', monday)).toBeNull();
    expect(parsePeriod('may I see my sales', monday)).toBeNull();
    expect(parsePeriod('show me Jan Mwangi', monday)).toBeNull();
    expect(parsePeriod('who owes me for more than 30 days', monday)).toBeNull();
    expect(parsePeriod('Leonard paid', monday)).toBeNull();
    expect(parsePeriod('', monday)).toBeNull();
  });

  it('takes the first period said', () => {
    expect(parsePeriod('last month compared to this month', monday)?.label).toBe('last month');
    const located = locatePeriod('mauzo ya mwezi jana', monday);
    expect(located).toMatchObject({ index: 9, length: 10 });
  });

  it('rejects a malformed today', () => {
    expect(() => parsePeriod('today', '23/11/2026')).toThrow(/YYYY-MM-DD/);
  });
});

describe('default periods', () => {
  it('today and this month', () => {
    expect(todayPeriod(monday)).toEqual({ from: monday, to: monday, label: 'today' });
    expect(thisMonthPeriod('2026-11-01')).toEqual({
      from: '2026-11-01',
      to: '2026-11-01',
      label: 'this month',
    });
  });
});

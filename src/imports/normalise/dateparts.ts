/**
 * The shared reading of written dates and times: numeric (12/03/2026, 2026-03-12), with English or Swahili
 * month names (12 Mar 2026, March 12, 2026, 12 Machi 2026), Excel serial numbers, and an optional time.
 */
import { cleanSpaces } from './result.ts';

/** How a numeric date is written: day/month/year, month/day/year or year-month-day. */
export type DateOrder = 'dmy' | 'mdy' | 'ymd';

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface ClockTime {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC when the text names an offset ("Z", "+03:00", "EAT"); null for local time. */
  offset: number | null;
}

const monthNames: Record<string, number> = {};
const englishMonths = 'january february march april may june july august september october november december';
const swahiliMonths = 'januari februari machi aprili mei juni julai agosti septemba oktoba novemba desemba';
for (const names of [englishMonths, swahiliMonths]) {
  names.split(' ').forEach((name, index) => {
    monthNames[name] = index + 1;
    monthNames[name.slice(0, 3)] = index + 1;
  });
}
// Short forms Intl uses in Swahili ("Mac", "Ago", "Okt", "Des") and the English "Sept".
Object.assign(monthNames, { mac: 3, ago: 8, okt: 10, des: 12, sept: 9 });

export const orderWords: Record<DateOrder, string> = {
  dmy: 'day/month/year',
  mdy: 'month/day/year',
  ymd: 'year-month-day',
};

/** Two-digit years: 00–69 are 2000–2069 and 70–99 are 1970–1999, as Excel reads them. */
export function fullYear(text: string): number {
  const year = Number(text);
  if (text.length !== 2) return year;
  return year < 70 ? 2000 + year : 1900 + year;
}

const dayMs = 86_400_000;

/**
 * The date of an Excel serial number (1900 date system: 45728 is 2025-03-12), or null when out of range.
 * Excel counts a 29 February 1900 that never was, so serials from 61 on are one day late.
 */
export function fromExcelSerial(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return null;
  const days = Math.floor(serial);
  if (days === 60) return null;
  const epoch = days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(epoch + days * dayMs).toISOString().slice(0, 10);
}

/** Serial numbers this range (1954–2119) are dates when a whole column is numeric. */
export function isExcelSerialText(text: string): boolean {
  if (!/^\d{5}(\.\d+)?$/.test(text)) return false;
  const serial = Number(text);
  return serial >= 20_000 && serial <= 80_000;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export type DateRead = { ok: true; date: CalendarDate; rest: string } | { ok: false; error: string };

const weekday =
  /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|jumatatu|jumanne|jumatano|alhamisi|ijumaa|jumamosi|jumapili),?\s+/i;
const yearFirst = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?=$|[T\s,])/;
const numeric = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?=$|[T\s,])/;
const dayName = /^(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]+(\p{L}+)\.?,?[\s\-/.]+(\d{4}|\d{2})(?=$|[T\s,])/iu;
const nameDay = /^(\p{L}+)\.?[\s-]+(\d{1,2})(?:st|nd|rd|th)?,?[\s-]+(\d{4}|\d{2})(?=$|[T\s,])/iu;

/** The first part of a numeric date and its second part, for deciding a column's order. */
export function numericParts(text: string): { first: number; second: number } | null {
  const match = cleanSpaces(text).replace(weekday, '').match(numeric);
  return match ? { first: Number(match[1]), second: Number(match[2]) } : null;
}

export function isYearFirst(text: string): boolean {
  return yearFirst.test(cleanSpaces(text));
}

/** Reads the date at the start of the text; the rest (a time, perhaps) is returned for the caller. */
export function readDate(text: string, order: DateOrder, excelSerials: boolean): DateRead {
  const raw = cleanSpaces(text);
  const source = raw.replace(/^tarehe\s+/i, '').replace(weekday, '');
  if (/^\d{5}(\.\d+)?$/.test(source)) return readSerial(raw, source, excelSerials);
  const parts = splitDate(source, order);
  if (parts === null) return { ok: false, error: `"${raw}" is not a date` };
  if ('error' in parts) return { ok: false, error: parts.error };
  const { year, month, day, written, numeric: isNumeric } = parts;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    const hint = isNumeric && order !== 'ymd' ? ` (read as ${orderWords[order]})` : '';
    return { ok: false, error: `date ${written} does not exist${hint}` };
  }
  if (year < 1900 || year > 2199) return { ok: false, error: `year ${year} is out of range` };
  return { ok: true, date: { year, month, day }, rest: source.slice(written.length) };
}

type DateSplit = CalendarDate & { written: string; numeric: boolean };

function splitDate(source: string, order: DateOrder): DateSplit | { error: string } | null {
  const iso = source.match(yearFirst);
  if (iso) {
    return {
      year: Number(iso[1]),
      month: Number(iso[2]),
      day: Number(iso[3]),
      written: iso[0],
      numeric: false,
    };
  }
  const digits = source.match(numeric);
  if (digits) {
    if (order === 'ymd') return { error: `${digits[0]} is not written year-month-day like the other dates` };
    const [first, second] = [Number(digits[1]), Number(digits[2])];
    const [day, month] = order === 'dmy' ? [first, second] : [second, first];
    return { year: fullYear(digits[3] ?? ''), month, day, written: digits[0], numeric: true };
  }
  const dayFirst = source.match(dayName);
  const monthFirst = dayFirst ? null : source.match(nameDay);
  const words = dayFirst ?? monthFirst;
  if (!words) return null;
  const name = (dayFirst ? dayFirst[2] : monthFirst?.[1]) ?? '';
  const month = monthNames[name.toLowerCase()];
  if (month === undefined) return { error: `"${name}" is not a month` };
  const day = Number(dayFirst ? dayFirst[1] : monthFirst?.[2]);
  return { year: fullYear(words[3] ?? ''), month, day, written: words[0], numeric: false };
}

function readSerial(raw: string, source: string, excelSerials: boolean): DateRead {
  if (!excelSerials || !isExcelSerialText(source)) {
    return {
      ok: false,
      error: `"${raw}" is not a date (Excel date numbers are read only in all-number columns)`,
    };
  }
  const [year = 0, month = 0, day = 0] = (fromExcelSerial(Number(source)) ?? '').split('-').map(Number);
  const fraction = Number(`0${source.slice(5)}`);
  return { ok: true, date: { year, month, day }, rest: fraction > 0 ? serialTime(fraction) : '' };
}

/** The time of day in an Excel serial's fraction (0.5 is noon), to the second. */
function serialTime(fraction: number): string {
  const seconds = Math.round(fraction * 86_400) % 86_400;
  const pad = (value: number) => String(value).padStart(2, '0');
  return ` ${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

const timePattern =
  /^(?:T|\s*,?\s*|\s+at\s+)(\d{1,2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(?:([ap])\.?m\.?)?\s*(Z|UTC|GMT|EAT|[+-]\d{2}:?\d{2})?$/i;

export type TimeRead = { ok: true; time: ClockTime | null } | { ok: false; error: string };

/** Reads what follows a date: nothing, or a time ("14:05", "2:05 PM", "T14:05:33Z", "14:05 +03:00"). */
export function readTime(rest: string): TimeRead {
  if (rest.trim() === '') return { ok: true, time: null };
  const match = rest.match(timePattern);
  if (!match || (match[2] === undefined && match[5] === undefined)) {
    return { ok: false, error: `"${rest.trim()}" is not a time` };
  }
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  const second = Number(match[3] ?? 0);
  const millisecond = Number((match[4] ?? '').padEnd(3, '0').slice(0, 3));
  const meridiem = match[5]?.toLowerCase();
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return { ok: false, error: `time ${rest.trim()} does not exist` };
    hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59)
    return { ok: false, error: `time ${rest.trim()} does not exist` };
  return { ok: true, time: { hour, minute, second, millisecond, offset: readOffset(match[6]) } };
}

function readOffset(text: string | undefined): number | null {
  if (text === undefined) return null;
  const zone = text.toUpperCase();
  if (zone === 'Z' || zone === 'UTC' || zone === 'GMT') return 0;
  // East Africa Time, what Tanzanian and Kenyan systems print.
  if (zone === 'EAT') return 180;
  const [, sign, hours, minutes] = zone.match(/^([+-])(\d{2}):?(\d{2})$/) ?? [];
  const offset = Number(hours) * 60 + Number(minutes);
  return sign === '-' ? -offset : offset;
}

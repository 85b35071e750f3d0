/**
 * Date-and-time cells ("12/03/2026 14:05", M-Pesa's "2026-03-12 14:05:33") to a UTC instant. Times
 * without an offset are local to the business's IANA time zone; the offset comes from Intl, so summer
 * time elsewhere is handled without a date library.
 */
import { AppError } from '../../core/errors.ts';
import { isValidTimeZone } from '../../core/time.ts';
import type { DateOptions } from './date.ts';
import { type CalendarDate, type ClockTime, type DateOrder, readDate, readTime } from './dateparts.ts';
import { fail, isBlank, ok, type Result } from './result.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    if (!isValidTimeZone(timeZone)) throw new AppError('bad_request', `Unknown time zone "${timeZone}"`);
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Minutes the zone is ahead of UTC at an instant (180 for Africa/Dar_es_Salaam). */
export function zoneOffset(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return Math.round((wall - (instant - (((instant % 1000) + 1000) % 1000))) / 60_000);
}

/** The UTC instant (ms) of a wall-clock time in a zone. */
export function localToInstant(date: CalendarDate, time: ClockTime, timeZone: string): number {
  const wall = Date.UTC(
    date.year,
    date.month - 1,
    date.day,
    time.hour,
    time.minute,
    time.second,
    time.millisecond,
  );
  if (time.offset !== null) return wall - time.offset * 60_000;
  // Guess with the offset at the wall time read as UTC, then correct once in case a change lies between.
  const guess = wall - zoneOffset(wall, timeZone) * 60_000;
  return wall - zoneOffset(guess, timeZone) * 60_000;
}

/**
 * One date-time cell to an ISO instant in UTC ("2026-03-12T11:05:00.000Z" for 14:05 in Dar es Salaam).
 * A date without a time is read as local midnight, with a note.
 */
export function normaliseDateTime(
  text: string,
  order: DateOrder,
  timeZone: string,
  options: DateOptions = {},
): Result<string> {
  formatterFor(timeZone);
  if (isBlank(text)) return ok(null);
  const read = readDate(text, order, options.excelSerials ?? false);
  if (!read.ok) return fail(read.error);
  const time = readTime(read.rest);
  if (!time.ok) return fail(time.error);
  const clock = time.time ?? { hour: 0, minute: 0, second: 0, millisecond: 0, offset: null };
  const instant = localToInstant(read.date, clock, timeZone);
  return ok(new Date(instant).toISOString(), time.time ? undefined : 'no time given: midnight used');
}

/** Whether an instant falls within a business's opening hours, in its own time zone. */
import type { BusinessHours } from '../rules/catalogue.ts';

export interface LocalTime {
  /** YYYY-MM-DD in the zone. */
  date: string;
  /** HH:MM, 24-hour clock. */
  time: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function localTime(instant: Date, timeZone: string): LocalTime {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  })
    .formatToParts(instant)
    .reduce<Record<string, string>>((all, part) => {
      all[part.type] = part.value;
      return all;
    }, {});
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    weekday: weekdays[parts.weekday ?? ''] ?? 1,
  };
}

/** True from `start` (inclusive) to `end` (exclusive) on the listed weekdays, local time. */
export function withinBusinessHours(instant: Date, timeZone: string, hours: BusinessHours): boolean {
  const local = localTime(instant, timeZone);
  return hours.days.includes(local.weekday) && local.time >= hours.start && local.time < hours.end;
}

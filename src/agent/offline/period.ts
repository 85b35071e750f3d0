/**
 * Relative dates in English and Swahili ("last month", "mwezi uliopita", "siku 7 zilizopita", "Machi")
 * resolved against the business's "today". Ranges are inclusive on both ends; a range that would
 * reach into the future ("this month", the current month by name) stops at today, because reports
 * never have data from tomorrow and "to" reads as "up to now".
 */
import { unitWords } from './amount-words.ts';

/** A date range, both ends inclusive, as YYYY-MM-DD; `label` is English, e.g. 'this month'. */
export interface Period {
  from: string;
  to: string;
  label: string;
}

/** A period together with where it was said, so callers can cut it out of the sentence. */
export interface LocatedPeriod {
  period: Period;
  index: number;
  length: number;
}

const englishMonthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Month words to month numbers (1–12), English full and short names and Swahili names. */
const monthWords: Record<string, number> = {
  january: 1,
  jan: 1,
  januari: 1,
  february: 2,
  feb: 2,
  februari: 2,
  march: 3,
  mar: 3,
  machi: 3,
  april: 4,
  apr: 4,
  aprili: 4,
  may: 5,
  mei: 5,
  june: 6,
  jun: 6,
  juni: 6,
  july: 7,
  jul: 7,
  julai: 7,
  august: 8,
  aug: 8,
  agosti: 8,
  september: 9,
  sep: 9,
  sept: 9,
  septemba: 9,
  october: 10,
  oct: 10,
  oktoba: 10,
  november: 11,
  nov: 11,
  novemba: 11,
  december: 12,
  dec: 12,
  desemba: 12,
  disemba: 12,
};

/**
 * Words that double as ordinary English ("may") or could be a person's name ("Jan"): they count as
 * months only after "in"/"for"/"during"/"of"/"since" or before a year.
 */
const monthWordsNeedingContext = new Set([
  'may',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
]);

/** Swahili ordinals as used in "mwezi wa tatu" (the third month = March). */
const swahiliMonthOrdinals: Record<string, number> = {
  ...unitWords,
  kwanza: 1,
  pili: 2,
  kumi: 10,
  'kumi na moja': 11,
  'kumi na mbili': 12,
};

interface Day {
  year: number;
  month: number; // 1–12
  day: number;
}

function toDay(iso: string): Day {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`"${iso}" is not a YYYY-MM-DD date`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** Day arithmetic through UTC so that no local time zone or daylight saving shift can move a date. */
function fromUtc(date: Date): Day {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function addDays(day: Day, days: number): Day {
  return fromUtc(new Date(Date.UTC(day.year, day.month - 1, day.day + days)));
}

function lastDayOfMonth(year: number, month: number): Day {
  return fromUtc(new Date(Date.UTC(year, month, 0)));
}

function format(day: Day): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(day.year, 4)}-${pad(day.month, 2)}-${pad(day.day, 2)}`;
}

function range(from: Day, to: Day, label: string): Period {
  return { from: format(from), to: format(to), label };
}

/** Monday of the week that contains `day` (weeks start on Monday). */
function startOfWeek(day: Day): Day {
  const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** A whole named month; the current month stops at today. */
function monthPeriod(year: number, month: number, today: Day): Period {
  const first = { year, month, day: 1 };
  let last = lastDayOfMonth(year, month);
  if (format(last) > format(today) && format(first) <= format(today)) last = today;
  return range(first, last, `${englishMonthNames[month - 1] ?? ''} ${year}`);
}

/** A month said without a year is the most recent one: this year's, or last year's if still ahead. */
function recentMonth(month: number, yearText: string | undefined, today: Day): Period {
  const year = yearText ? Number(yearText) : month > today.month ? today.year - 1 : today.year;
  return monthPeriod(year, month, today);
}

/** Today as a period (used as a default by callers). */
export function todayPeriod(today: string): Period {
  const day = toDay(today);
  return range(day, day, 'today');
}

/** The current month up to today (used as a default by callers). */
export function thisMonthPeriod(today: string): Period {
  const day = toDay(today);
  return range({ ...day, day: 1 }, day, 'this month');
}

interface PeriodPattern {
  pattern: RegExp;
  build: (match: RegExpExecArray, today: Day) => Period | null;
}

const patterns: PeriodPattern[] = [
  {
    pattern:
      /\b(?:(?:the\s+)?(?:last|past|previous)\s+(\d{1,3})\s+days?|siku\s+(\d{1,3})\s+(?:zilizopita|zilizo\s+pita|za\s+mwisho|zilizopia))\b/g,
    build: (match, today) => {
      const days = Number(match[1] ?? match[2]);
      if (!(days >= 1)) return null;
      // "Last 7 days" includes today: an owner asking it means the most recent week of trading.
      return range(addDays(today, -(days - 1)), today, `last ${days} days`);
    },
  },
  {
    pattern: /\b(?:the\s+)?day\s+before\s+yesterday\b|\bjuzi\b/g,
    build: (_match, today) => {
      const day = addDays(today, -2);
      return range(day, day, 'day before yesterday');
    },
  },
  {
    pattern: /\b(?:last|previous)\s+week\b|\bwiki\s+(?:iliyopita|iliyo\s+pita|jana|uliopita|ilopita)\b/g,
    build: (_match, today) => {
      const monday = addDays(startOfWeek(today), -7);
      return range(monday, addDays(monday, 6), 'last week');
    },
  },
  {
    pattern: /\bthis\s+week\b|\bwiki\s+hii\b|\bweek\s+to\s+date\b/g,
    build: (_match, today) => range(startOfWeek(today), today, 'this week'),
  },
  {
    pattern: /\b(?:last|previous)\s+month\b|\bmwezi\s+(?:uliopita|ulio\s+pita|jana|ulioisha|ulopita)\b/g,
    build: (_match, today) => {
      const last = addDays({ ...today, day: 1 }, -1);
      return range({ ...last, day: 1 }, last, 'last month');
    },
  },
  {
    pattern: /\bthis\s+month\b|\bmwezi\s+huu\b|\bmonth\s+to\s+date\b/g,
    build: (_match, today) => range({ ...today, day: 1 }, today, 'this month'),
  },
  {
    pattern: /\b(?:last|previous)\s+year\b|\bmwaka\s+(?:uliopita|ulio\s+pita|jana|ulioisha|ulopita)\b/g,
    build: (_match, today) =>
      range(
        { year: today.year - 1, month: 1, day: 1 },
        { year: today.year - 1, month: 12, day: 31 },
        'last year',
      ),
  },
  {
    pattern: /\bthis\s+year\b|\bmwaka\s+huu\b|\byear\s+to\s+date\b/g,
    build: (_match, today) => range({ year: today.year, month: 1, day: 1 }, today, 'this year'),
  },
  {
    // "jana" after "wiki"/"mwezi"/"mwaka" means "last week/month/year", handled above.
    pattern: /\byesterday\b|\blast\s+night\b|(?<!\b(?:wiki|mwezi|mwaka)\s+)\bjana\b/g,
    build: (_match, today) => {
      const day = addDays(today, -1);
      return range(day, day, 'yesterday');
    },
  },
  {
    pattern: /\btoday\b|\btonight\b|\bthis\s+morning\b|\bleo\b/g,
    build: (_match, today) => range(today, today, 'today'),
  },
  {
    pattern:
      /\b(?:(in|for|during|of|since|mwezi\s+wa|mwezi)\s+)?(january|february|march|april|may|june|july|august|september|october|november|december|januari|februari|machi|aprili|mei|juni|julai|agosti|septemba|oktoba|novemba|desemba|disemba|jan|feb|mar|apr|jun|jul|aug|sept|sep)\b(?:\s+(\d{4})\b)?/g,
    build: (match, today) => {
      const word = match[2] ?? '';
      const month = monthWords[word];
      if (month === undefined) return null;
      if (monthWordsNeedingContext.has(word) && !match[1] && !match[3]) return null;
      return recentMonth(month, match[3], today);
    },
  },
  {
    pattern:
      /\bmwezi\s+wa\s+(kumi\s+na\s+moja|kumi\s+na\s+mbili|kwanza|pili|tatu|nne|tano|sita|saba|nane|tisa|kumi|\d{1,2})\b(?:\s+(\d{4})\b)?/g,
    build: (match, today) => {
      const word = (match[1] ?? '').replace(/\s+/g, ' ');
      const month = /^\d+$/.test(word) ? Number(word) : swahiliMonthOrdinals[word];
      if (month === undefined || month < 1 || month > 12) return null;
      return recentMonth(month, match[2], today);
    },
  },
];

/**
 * Finds the period said in a sentence, with its position. When several are said, the first one wins
 * (the longest at the same position, so "mwezi jana" beats "jana").
 */
export function locatePeriod(text: string, today: string): LocatedPeriod | null {
  const day = toDay(today);
  const lower = text.toLowerCase();
  let best: LocatedPeriod | null = null;
  for (const { pattern, build } of patterns) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(lower); match; match = pattern.exec(lower)) {
      const better =
        !best || match.index < best.index || (match.index === best.index && match[0].length > best.length);
      if (!better) continue;
      const period = build(match, day);
      if (period) best = { period, index: match.index, length: match[0].length };
    }
  }
  return best;
}

/**
 * Reads a relative period ("today", "wiki iliyopita", "last 30 days", "in March", "mwezi wa tatu")
 * from a sentence, given today's date (YYYY-MM-DD) in the business's time zone. Weeks start on Monday.
 */
export function parsePeriod(text: string, today: string): Period | null {
  return locatePeriod(text, today)?.period ?? null;
}

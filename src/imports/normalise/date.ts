/**
 * Date cells to 'YYYY-MM-DD'. Whether 03/04/2026 is 3 April or 4 March is decided once per column, from
 * all of its values, by decideDateOrder; each cell is then read with that order.
 */
import {
  type DateOrder,
  isExcelSerialText,
  isoDate,
  isYearFirst,
  numericParts,
  orderWords,
  readDate,
  readTime,
} from './dateparts.ts';
import { cleanSpaces, fail, isBlank, ok, type Result } from './result.ts';

export type { DateOrder } from './dateparts.ts';
export { fromExcelSerial } from './dateparts.ts';

/** The order a column's dates are written in, and why. */
export interface DateOrderDecision {
  order: DateOrder;
  /** True when the values do not settle it (every one fits both orders, or they contradict each other). */
  ambiguous: boolean;
  /** For people: which value proved the order, or why the default was used. */
  evidence: string;
  /** Every value is a number in Excel's date range (45728 is 2025-03-12): read them as Excel dates. */
  excelSerials: boolean;
}

/**
 * Decides a column's date order from all its values. A first part above 12 can only be a day, so
 * "31/01/2026" proves day/month/year; a second part above 12 proves month/day/year; "2026-03-12" is
 * year-month-day. When every value fits both orders the default is used and `ambiguous` is true.
 */
export function decideDateOrder(samples: string[], defaultOrder: 'dmy' | 'mdy'): DateOrderDecision {
  let filled = 0;
  let serials = 0;
  let yearFirst = 0;
  let both = 0;
  const proofs: Record<'dmy' | 'mdy', string[]> = { dmy: [], mdy: [] };
  for (const sample of samples) {
    if (isBlank(sample)) continue;
    filled++;
    const text = cleanSpaces(sample);
    if (isExcelSerialText(text)) serials++;
    else if (isYearFirst(text)) yearFirst++;
    else {
      const parts = numericParts(text);
      if (!parts) continue;
      if (parts.first > 12 && parts.second <= 12) proofs.dmy.push(text);
      else if (parts.second > 12 && parts.first <= 12) proofs.mdy.push(text);
      else if (parts.first <= 12 && parts.second <= 12) both++;
    }
  }
  const excelSerials = filled > 0 && serials === filled;
  const decision = (order: DateOrder, ambiguous: boolean, evidence: string) => ({
    order,
    ambiguous,
    evidence,
    excelSerials,
  });
  const [dmy, mdy] = [proofs.dmy, proofs.mdy];
  if (dmy.length > 0 && mdy.length > 0) {
    const order = dmy.length === mdy.length ? defaultOrder : dmy.length > mdy.length ? 'dmy' : 'mdy';
    return decision(
      order,
      true,
      `the dates contradict each other: ${dmy.length} fit only ${orderWords.dmy} (e.g. ${dmy[0]}) and ` +
        `${mdy.length} only ${orderWords.mdy} (e.g. ${mdy[0]}); reading them as ${orderWords[order]}`,
    );
  }
  if (dmy[0] !== undefined) return decision('dmy', false, `${dmy[0]} can only be ${orderWords.dmy}`);
  if (mdy[0] !== undefined) return decision('mdy', false, `${mdy[0]} can only be ${orderWords.mdy}`);
  if (both > 0) {
    return decision(
      defaultOrder,
      true,
      `all ${both} dates like 03/04 fit both orders; reading them as ${orderWords[defaultOrder]}, the default`,
    );
  }
  if (excelSerials) return decision(defaultOrder, false, 'the dates are Excel date numbers');
  if (yearFirst > 0) return decision('ymd', false, `the dates are written ${orderWords.ymd}`);
  return decision(defaultOrder, false, 'no numeric dates to decide from');
}

/** Options for reading one date cell. */
export interface DateOptions {
  /** Read 20000–80000 as Excel serial dates: only when the whole column is numeric (see decideDateOrder). */
  excelSerials?: boolean;
}

/**
 * One date cell to 'YYYY-MM-DD', read with the column's order; a time after the date is allowed and left
 * out. Dates that do not exist ("31/02/2026") are errors, never rolled over to March.
 */
export function normaliseDate(text: string, order: DateOrder, options: DateOptions = {}): Result<string> {
  if (isBlank(text)) return ok(null);
  const read = readDate(text, order, options.excelSerials ?? false);
  if (!read.ok) return fail(read.error);
  const time = readTime(read.rest);
  if (!time.ok) return fail(`"${cleanSpaces(text)}" is not a date`);
  return ok(isoDate(read.date));
}

/** Excel cell values (as exceljs hands them over) to text, the way a person reads them in the sheet. */

/** True for number formats that show a date or a time (quoted text and [colour]/[$KES] sections aside). */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const bare = format
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

const dayMs = 24 * 60 * 60 * 1000;

/** An Excel serial day number as a Date (UTC), in the 1900 or the 1904 date system. */
export function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * dayMs));
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/**
 * `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` when there is a time of day, or `HH:MM:SS` for a time alone
 * (Excel keeps those on its day zero, 1899-12-30). Rounded to the second, as Excel shows them.
 */
export function formatDate(date: Date): string {
  const time = date.getTime();
  if (!Number.isFinite(time)) return '';
  const rounded = new Date(Math.round(time / 1000) * 1000);
  const clock = `${pad(rounded.getUTCHours())}:${pad(rounded.getUTCMinutes())}:${pad(rounded.getUTCSeconds())}`;
  const day = `${pad(rounded.getUTCFullYear(), 4)}-${pad(rounded.getUTCMonth() + 1)}-${pad(rounded.getUTCDate())}`;
  if (day === '1899-12-30') return clock;
  return clock === '00:00:00' ? day : `${day}T${clock}`;
}

/**
 * A number as plain decimal text: integers as integers, no exponent, and at most 15 significant digits
 * (Excel's own precision), which turns stored noise like 0.30000000000000004 back into 0.3.
 */
export function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isSafeInteger(value)) return String(value === 0 ? 0 : value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(value.toExponential(14));
  if (!match) return String(value);
  const [, sign = '', lead = '', fraction = '', exponentText = '0'] = match;
  const digits = (lead + fraction).replace(/0+$/, '') || '0';
  const point = 1 + Number(exponentText);
  let text: string;
  if (point <= 0) text = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) text = digits + '0'.repeat(point - digits.length);
  else text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return text === '0' ? '0' : sign + text;
}

interface RichTextRun {
  text?: unknown;
}

/**
 * The text of a cell value: strings as they are, dates as ISO dates, numbers in plain decimals (zero-padded
 * when the format is all zeros, as for "0000000000" phone columns), formulas as their cached result,
 * rich text as plain text, booleans as TRUE/FALSE, errors as Excel shows them.
 */
export function cellText(value: unknown, numberFormat: string | undefined, date1904: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '';
    if (isDateFormat(numberFormat)) return formatDate(serialToDate(value, date1904));
    const digits = numberFormat && /^0+$/.test(numberFormat) ? numberFormat.length : 0;
    if (digits > 0 && Number.isSafeInteger(value) && value >= 0) return String(value).padStart(digits, '0');
    return plainNumber(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatDate(value);
  if (typeof value !== 'object') return String(value);
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.richText)) {
    return (record.richText as RichTextRun[])
      .map((run) => (typeof run.text === 'string' ? run.text : ''))
      .join('');
  }
  if ('formula' in record || 'sharedFormula' in record || 'result' in record) {
    return cellText(record.result, numberFormat, date1904);
  }
  if (typeof record.error === 'string') return record.error;
  if ('text' in record) return cellText(record.text, numberFormat, date1904);
  return '';
}

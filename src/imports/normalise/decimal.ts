/**
 * Reads the digits of a written number into a canonical decimal string ("1.200,50" → "1200.50"), deciding
 * which separator is the decimal one. Strings only: amounts must never pass through binary floats.
 */

/**
 * The canonical form ("1234.5", no grouping, no sign) of a number body made of digits and the separators
 * `.` `,` space and `'`, or null when the grouping makes no sense ("1,2,3").
 *
 * Rules, in order:
 * - both `.` and `,` present: the last one is the decimal separator ("1.200,50", "1,200.50");
 * - a space or `'` groups thousands, so a lone `.` or `,` is the decimal separator ("1 200,50");
 * - the same punctuation twice or more groups thousands ("2,400,000");
 * - a single `.` or `,` followed by exactly 3 digits, after 1–3 digits not starting with 0, groups
 *   thousands ("1,200" is 1200); otherwise it is decimal ("1,20", "0,500", "1234,567", "2.4").
 */
export function canonicalDecimal(body: string): string | null {
  const text = body.trim();
  if (!/^[\d.,' ]*\d[\d.,' ]*$/.test(text) && !/^[.,]\d+$/.test(text)) return null;
  if (/^\d+$/.test(text)) return text;
  const dots = count(text, '.');
  const commas = count(text, ',');
  const spaced = /[ ']/.test(text);
  let decimal: '.' | ',' | null = null;
  if (dots > 0 && commas > 0) {
    decimal = text.lastIndexOf('.') > text.lastIndexOf(',') ? '.' : ',';
    if (count(text, decimal) > 1) return null;
  } else if (dots + commas === 1) {
    const mark = dots === 1 ? '.' : ',';
    const [whole = '', fraction = ''] = text.split(mark);
    const groupsThousands = !spaced && /^[1-9]\d{0,2}$/.test(whole) && /^\d{3}$/.test(fraction);
    decimal = groupsThousands ? null : mark;
  }
  const cut = decimal === null ? -1 : text.lastIndexOf(decimal);
  const whole = cut === -1 ? text : text.slice(0, cut);
  const fraction = cut === -1 ? '' : text.slice(cut + 1);
  if (cut !== -1 && !/^\d+$/.test(fraction)) return null;
  const digits = whole === '' ? '0' : groupedDigits(whole);
  if (digits === null) return null;
  return fraction === '' ? digits : `${digits}.${fraction}`;
}

/** Digits of an integer part written with or without grouping, or null when the grouping is wrong. */
function groupedDigits(whole: string): string | null {
  if (/^\d+$/.test(whole)) return whole;
  const groups = whole.split(/[.,' ]/);
  const [first = '', ...rest] = groups;
  if (!/^\d{1,3}$/.test(first)) return null;
  if (rest.every((group) => /^\d{3}$/.test(group))) return groups.join('');
  // Indian grouping (1,00,000) is used by some Kenyan and Tanzanian traders.
  if (/^\d{1,2}(,\d{2})*,\d{3}$/.test(whole)) return groups.join('');
  return null;
}

function count(text: string, mark: string): number {
  return text.split(mark).length - 1;
}

/** "2.4E+6" → "2400000", exactly, by moving the decimal point in the string. Null when not scientific. */
export function scientificToPlain(text: string): string | null {
  const match = text.trim().match(/^(\d+)(?:\.(\d+))?[eE]([+-]?\d{1,3})$/);
  if (!match) return null;
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  const exponent = Number(match[3]);
  const digits = `${whole}${fraction}`;
  const point = whole.length + exponent;
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return stripZeros(`${digits}${'0'.repeat(point - digits.length)}`);
  return `${stripZeros(digits.slice(0, point))}.${digits.slice(point)}`;
}

function stripZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

/** Digits after the decimal point of a canonical decimal string. */
export function fractionLength(canonical: string): number {
  const cut = canonical.indexOf('.');
  return cut === -1 ? 0 : canonical.length - cut - 1;
}

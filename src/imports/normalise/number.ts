/** Quantities and counts: "1,200", "1.5", "12 pcs", "3 vipande", "1.200,5", "2k". */
import { canonicalDecimal, scientificToPlain } from './decimal.ts';
import { cleanSpaces, fail, isBlank, ok, type Result } from './result.ts';

// number, an optional k/m/b written against it ("2k"), then an optional unit word ("pcs", "kg", "%").
const numberPattern =
  /^([-+(]?)\s*([\d.,' ]*\d(?:[eE][+-]?\d+)?)([kKmMbB](?![A-Za-z]))?\)?\s*([\p{L}%][\p{L}.]*)?$/u;

/** A quantity as a number; a unit word after it is dropped and noted. Grouping is read as for amounts. */
export function normaliseNumber(text: string): Result<number> {
  if (isBlank(text)) return ok(null);
  const raw = cleanSpaces(text).replace(/\u2212/g, '-');
  const match = raw.match(numberPattern);
  if (!match) return fail(`"${raw}" is not a number`);
  const [, sign = '', body = '', multiplier = '', unit] = match;
  if ((sign === '(') !== raw.includes(')')) return fail(`"${raw}" is not a number`);
  let decimal = scientificToPlain(body) ?? canonicalDecimal(body);
  if (decimal === null) return fail(`"${raw}" is not a number`);
  if (multiplier !== '') {
    decimal = shiftPoint(decimal, { k: 3, m: 6, b: 9 }[multiplier.toLowerCase() as 'k' | 'm' | 'b']);
  }
  // Number() of a decimal string is correctly rounded; quantities do not need more than that.
  const value = Number(`${sign === '-' || sign === '(' ? '-' : ''}${decimal}`);
  if (!Number.isFinite(value)) return fail(`"${raw}" is too large a number`);
  return ok(value === 0 ? 0 : value, unit ? `unit "${unit}" left out` : undefined);
}

/** A whole number ("12", "1,200", "12.0", "12 pcs"); "1.5" is an error. */
export function normaliseInteger(text: string): Result<number> {
  const result = normaliseNumber(text);
  if (!result.ok || result.value === null) return result;
  if (!Number.isInteger(result.value)) return fail(`${cleanSpaces(text)} is not a whole number`);
  if (!Number.isSafeInteger(result.value)) return fail(`${cleanSpaces(text)} is too large a number`);
  return result;
}

function shiftPoint(decimal: string, places: number): string {
  const [whole = '', fraction = ''] = decimal.split('.');
  const padded = fraction.padEnd(places, '0');
  const digits = `${whole}${padded.slice(0, places)}`.replace(/^0+(?=\d)/, '');
  const rest = padded.slice(places);
  return rest === '' ? digits : `${digits}.${rest}`;
}

/**
 * Money cells to exact minor units: "TSh 2,400,000", "KES 1,200.50", "1.200,50", "(500)", "USD 12.5",
 * "2.4M", "5,000/=". Wraps core/money's parseAmount once the text is reduced to a canonical decimal.
 */
import { AppError } from '../../core/errors.ts';
import { type Money, minorDigits, parseAmount } from '../../core/money.ts';
import { currencyFromWord, shillings } from './currency.ts';
import { canonicalDecimal, fractionLength, scientificToPlain } from './decimal.ts';
import { cleanSpaces, fail, isBlank, ok, type Result } from './result.ts';

// Letter runs (optionally with a dot or a trailing $ as in "US$") and currency symbols.
const tokenPattern = /[A-Za-z]+\.?\$?|[$€£₹₦]/g;

/**
 * Reads an amount; a currency written in the cell (code, symbol or local abbreviation, before or after the
 * number) overrides `defaultCurrency`. A lone dash is the accounting format's zero.
 */
export function normaliseAmount(text: string, defaultCurrency: string): Result<Money> {
  if (isBlank(text)) return ok(null);
  const raw = cleanSpaces(text);
  const fallback = defaultCurrency.toUpperCase();
  if (/^[-–—]$/.test(raw)) return ok({ minor: 0, currency: fallback }, 'a dash is read as zero');
  let rest = raw.replace(/\u2212/g, '-');
  const found = new Set<string>();
  // "5,000/=" and "500/-" are how shilling amounts are written by hand in Tanzania and Kenya.
  rest = rest.replace(/\s*\/[=-]\s*$/, () => {
    found.add('shilling');
    return '';
  });
  let suffix = '';
  let unknown: string | null = null;
  rest = rest.replace(tokenPattern, (token, offset: number, whole: string) => {
    const before = whole.slice(0, offset);
    const after = whole.slice(offset + token.length);
    if (/^[eE]$/.test(token) && /\d$/.test(before) && /^[+-]?\d/.test(after)) return token;
    if (/^[kKmMbB]$/.test(token) && /\d\s*$/.test(before) && !/\d/.test(after) && suffix === '') {
      suffix = token.toLowerCase();
      return '';
    }
    const code = currencyFromWord(token);
    if (code === null) unknown ??= token;
    else found.add(code);
    return ' ';
  });
  if (unknown !== null) return fail(`"${raw}" is not an amount`);
  const currency = pickCurrency(found, fallback);
  if (!currency.ok) return currency;
  const code = currency.value ?? fallback;

  const signed = readSign(rest);
  if (signed === null) return fail(`"${raw}" is not an amount`);
  const decimal = scientificToPlain(signed.body) ?? canonicalDecimal(signed.body);
  if (decimal === null) return fail(`"${raw}" is not an amount`);

  let note: string | undefined;
  const digits = minorDigits(code);
  const extra = decimal.slice(decimal.length - Math.max(0, fractionLength(decimal) - digits));
  if (suffix === '' && /[1-9]/.test(extra)) {
    note = `rounded to ${digits} decimal${digits === 1 ? '' : 's'} for ${code}`;
  }
  try {
    const minor = parseAmount(`${signed.negative ? '-' : ''}${decimal}${suffix}`, code);
    return ok({ minor, currency: code }, note);
  } catch (error) {
    if (error instanceof AppError) {
      return fail(
        /too large/.test(error.message) ? `"${raw}" is too large an amount` : `"${raw}" is not an amount`,
      );
    }
    throw error;
  }
}

function pickCurrency(found: Set<string>, fallback: string): Result<string> {
  const codes = [...found].filter((code) => code !== 'shilling');
  if (codes.length > 1) return fail(`the amount has two currencies (${codes.join(' and ')})`);
  const [code] = codes;
  if (code) {
    if (found.has('shilling') && !shillings.has(code)) return fail(`${code} is not a shilling`);
    return ok(code);
  }
  if (found.has('shilling') && !shillings.has(fallback)) {
    return fail('which shilling? write TSh, KSh or USh');
  }
  return ok(fallback);
}

/** Takes off a sign written as "-500", "+500", "500-" or "(500)". Null when signs contradict. */
function readSign(text: string): { negative: boolean; body: string } | null {
  let body = text.trim();
  let negative = false;
  const parens = body.match(/^\(\s*(.*?)\s*\)$/);
  if (parens) {
    negative = true;
    body = parens[1] ?? '';
  }
  const lead = body.match(/^([-+])\s*(.*)$/);
  const trail = lead ? null : body.match(/^(.*?)\s*-$/);
  if (lead || trail) {
    if (negative) return null;
    negative = lead ? lead[1] === '-' : true;
    body = (lead ? lead[2] : trail?.[1]) ?? '';
  }
  return { negative, body: body.trim() };
}

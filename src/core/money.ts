/**
 * Exact money: integer minor units plus an ISO 4217 code. Never binary floats for amounts.
 * The number of minor digits per currency comes from ISO 4217 through Intl (TZS 2, UGX 0, KES 2).
 */
import { AppError } from './errors.ts';

export interface Money {
  /** Integer amount in minor units (cents), e.g. 120050 for KES 1,200.50. */
  minor: number;
  currency: string;
}

const symbols: Record<string, string> = { TZS: 'TSh', USD: '$', EUR: '€', GBP: '£' };

const digitsCache = new Map<string, number>();

/** ISO 4217 minor digits of a currency (2 for TZS and KES, 0 for UGX and RWF). */
export function minorDigits(currency: string): number {
  const code = currency.toUpperCase();
  let digits = digitsCache.get(code);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
        .maximumFractionDigits as number;
    } catch {
      throw new AppError('bad_request', `Unknown currency code "${currency}"`);
    }
    digitsCache.set(code, digits);
  }
  return digits;
}

export function isCurrencyCode(value: string): boolean {
  if (!/^[A-Za-z]{3}$/.test(value)) return false;
  try {
    minorDigits(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Parses a decimal amount written by a person or a vendor ("2,400,000", "1200.5", "50k", "2.4M",
 * "TSh 15,000") into minor units, exactly, without going through a float.
 */
export function parseAmount(text: string | number, currency: string): number {
  const digits = minorDigits(currency);
  let raw = typeof text === 'number' ? numberToPlain(text) : text.trim();
  raw = raw.replace(/^(tsh|tzs|kes|ksh|kshs|usd|\$)\s*/i, '').replace(/[\s,_]/g, '');
  let multiplier = 1n;
  const suffix = raw.match(/([kKmMbB])$/);
  if (suffix?.[1]) {
    multiplier = { k: 1_000n, m: 1_000_000n, b: 1_000_000_000n }[suffix[1].toLowerCase() as 'k' | 'm' | 'b'];
    raw = raw.slice(0, -1);
  }
  const match = raw.match(/^(-)?(\d*)(?:\.(\d*))?$/);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new AppError('bad_request', `"${String(text)}" is not an amount`);
  }
  const negative = match[1] === '-';
  const whole = BigInt(match[2] || '0');
  const fractionText = match[3] ?? '';
  // Scale to minor units with the suffix applied before rounding, so "2.45k" is exact.
  const scale = 10n ** BigInt(fractionText.length);
  const numerator = (whole * scale + BigInt(fractionText || '0')) * multiplier * 10n ** BigInt(digits);
  const quotient = numerator / scale;
  const remainder = numerator % scale;
  const rounded = remainder * 2n >= scale ? quotient + 1n : quotient;
  const result = negative ? -rounded : rounded;
  if (result > BigInt(Number.MAX_SAFE_INTEGER) || result < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new AppError('bad_request', `Amount "${String(text)}" is too large`);
  }
  return Number(result);
}

function numberToPlain(value: number): string {
  if (!Number.isFinite(value)) throw new AppError('bad_request', 'Amount must be a finite number');
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/** Minor units to a decimal string without grouping: 120050 KES → "1200.50". */
export function toDecimalString(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const abs = BigInt(Math.abs(minor));
  const scale = 10n ** BigInt(digits);
  const whole = abs / scale;
  const fraction = digits > 0 ? `.${(abs % scale).toString().padStart(digits, '0')}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/**
 * Formats for people: `TSh 2,400,000`, `KES 1,200.50`. The fraction is shown only when it is not zero,
 * since shilling amounts are almost always whole.
 */
export function formatMoney(minor: number, currency: string): string {
  const code = currency.toUpperCase();
  const digits = minorDigits(code);
  const negative = minor < 0;
  const abs = BigInt(Math.abs(minor));
  const scale = 10n ** BigInt(digits);
  const whole = (abs / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fractionValue = abs % scale;
  const fraction =
    digits > 0 && fractionValue !== 0n ? `.${fractionValue.toString().padStart(digits, '0')}` : '';
  return `${negative ? '-' : ''}${symbols[code] ?? code} ${whole}${fraction}`;
}

/** A money value as tools return it: exact minor units, a decimal string and the display text. */
export function moneyView(
  minor: number,
  currency: string,
): { amount: string; minor: number; currency: string; display: string } {
  return { amount: toDecimalString(minor, currency), minor, currency, display: formatMoney(minor, currency) };
}

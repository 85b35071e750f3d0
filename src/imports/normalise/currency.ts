/** Currency names, symbols and local abbreviations ("TSh", "Kshs", "USh", "$") to ISO 4217 codes. */
import { cleanSpaces, fail, isBlank, ok, type Result } from './result.ts';

/** Currencies whose people write "Sh", "/=" or "shillings" without saying which country. */
export const shillings = new Set(['TZS', 'KES', 'UGX', 'SOS']);

const aliases: Record<string, string> = {
  tsh: 'TZS',
  tshs: 'TZS',
  tzsh: 'TZS',
  'tanzania shilling': 'TZS',
  'tanzanian shilling': 'TZS',
  'shilingi ya tanzania': 'TZS',
  ksh: 'KES',
  kshs: 'KES',
  'kenya shilling': 'KES',
  'kenyan shilling': 'KES',
  'shilingi ya kenya': 'KES',
  ush: 'UGX',
  ushs: 'UGX',
  'uganda shilling': 'UGX',
  'ugandan shilling': 'UGX',
  frw: 'RWF',
  rwf: 'RWF',
  'rwandan franc': 'RWF',
  fbu: 'BIF',
  birr: 'ETB',
  $: 'USD',
  us$: 'USD',
  usd$: 'USD',
  'us dollar': 'USD',
  dollar: 'USD',
  dola: 'USD',
  '€': 'EUR',
  euro: 'EUR',
  '£': 'GBP',
  pound: 'GBP',
  sterling: 'GBP',
  rand: 'ZAR',
  '₹': 'INR',
  '₦': 'NGN',
  rmb: 'CNY',
  yuan: 'CNY',
  dirham: 'AED',
};

/** Written without a country: the business's own shilling is meant. */
const shillingWords = new Set(['sh', 'shs', 'shilling', 'shilingi', '/=', '/-']);

// Intl's list, not isCurrencyCode: that one accepts any well-formed code, so "PCS" or "QTY" would pass.
const isoCodes = new Set(Intl.supportedValuesOf('currency'));

/**
 * The ISO code a currency word or symbol stands for, 'shilling' for a shilling of unknown country, or
 * null when the text is not a currency.
 */
export function currencyFromWord(word: string): string | null {
  const plain = cleanSpaces(word).toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ');
  // Plurals ("shillings", "dollars"); "Tshs" and "Kshs" are plurals too.
  const singular = plain.replace(/s$/, '');
  if (shillingWords.has(plain) || shillingWords.has(singular)) return 'shilling';
  const alias = aliases[plain] ?? aliases[singular];
  if (alias) return alias;
  const code = plain.toUpperCase();
  return /^[A-Z]{3}$/.test(code) && isoCodes.has(code) ? code : null;
}

/** "TSh", "Tshs", "KES", "USh", "$", "€", "US Dollars" → ISO 4217 code. */
export function normaliseCurrency(text: string): Result<string> {
  if (isBlank(text)) return ok(null);
  const code = currencyFromWord(text);
  if (code === 'shilling') return fail(`"${cleanSpaces(text)}" could be any shilling: write TSh, KSh or USh`);
  return code ? ok(code) : fail(`"${cleanSpaces(text)}" is not a currency`);
}

/**
 * One entry point per field type: normaliserFor gives the cell reader for a type in a business's context,
 * looksLike scores how well a column's values fit a type (for the column mapper's sanity check).
 */
import type { FieldType } from '../types.ts';
import { normaliseAmount } from './amount.ts';
import { normaliseBoolean } from './boolean.ts';
import { normaliseCountry } from './country.ts';
import { normaliseCurrency } from './currency.ts';
import { type DateOrder, decideDateOrder, normaliseDate } from './date.ts';
import { normaliseDateTime } from './datetime.ts';
import { normaliseEmail } from './email.ts';
import { normaliseName } from './name.ts';
import { normaliseInteger, normaliseNumber } from './number.ts';
import { isPhoneShapedError, normalisePhone } from './phone.ts';
import { cleanSpaces, isBlank, ok, type Result } from './result.ts';

/** What a cell's meaning depends on: the business's country, currency and time zone. */
export interface NormaliseContext {
  /** ISO 3166-1 alpha-2, for local phone numbers ("TZ"). */
  region: string;
  /** ISO 4217, for amounts written without a currency ("TZS"). */
  currency: string;
  /** IANA zone, for times written without an offset ("Africa/Dar_es_Salaam"). */
  timeZone: string;
  /** The column's date order from decideDateOrder; without it, the region's usual order. */
  dateOrder?: DateOrder;
  /** Read 20000–80000 as Excel dates (decideDateOrder's `excelSerials` for the column). */
  excelSerials?: boolean;
}

/** A normaliser with its context bound: raw cell text in, Result out. */
export type CellNormaliser = (text: string) => Result<unknown>;

// Month first is the habit of the United States and a few others; East Africa writes day first.
const monthFirstRegions = new Set(['US', 'PH', 'FM', 'MH', 'PW', 'AS', 'GU', 'MP', 'PR', 'VI', 'UM']);

/** The order numeric dates are usually written in a country: 'mdy' for the US, 'dmy' for TZ, KE and most. */
export function defaultDateOrder(region: string): 'dmy' | 'mdy' {
  return monthFirstRegions.has(region.toUpperCase()) ? 'mdy' : 'dmy';
}

/** The cell normaliser for a field type in a business's context. */
export function normaliserFor(type: FieldType, context: NormaliseContext): CellNormaliser {
  const order = context.dateOrder ?? defaultDateOrder(context.region);
  const dateOptions = { excelSerials: context.excelSerials ?? false };
  switch (type) {
    case 'text':
      return (text) => (isBlank(text) ? ok(null) : ok(cleanSpaces(text)));
    case 'id':
      // Ids are kept as written (leading zeros matter), only the surrounding spaces go.
      return (text) => (isBlank(text) ? ok(null) : ok(cleanSpaces(text)));
    case 'name':
      return normaliseName;
    case 'phone':
      return (text) => normalisePhone(text, context.region);
    case 'email':
      return normaliseEmail;
    case 'money':
      return (text) => normaliseAmount(text, context.currency);
    case 'date':
      return (text) => normaliseDate(text, order, dateOptions);
    case 'datetime':
      return (text) => normaliseDateTime(text, order, context.timeZone, dateOptions);
    case 'number':
      return normaliseNumber;
    case 'integer':
      return normaliseInteger;
    case 'boolean':
      return normaliseBoolean;
    case 'currency':
      return normaliseCurrency;
    case 'country':
      return normaliseCountry;
  }
}

// Neutral defaults for scoring a column before the business's own context is applied.
const eastAfrica: NormaliseContext = { region: 'TZ', currency: 'TZS', timeZone: 'Africa/Dar_es_Salaam' };
const phoneRegions = ['TZ', 'KE', 'UG', 'RW', 'BI'];

/**
 * 0–1: the share of a column's non-empty values that read as the type (emails as email, dates as dates…).
 * Phone numbers count when they are valid in any East African country, or masked as in M-Pesa
 * statements; names must look like words, not emails or numbers. An empty column scores 0.
 */
export function looksLike(
  type: FieldType,
  values: string[],
  context: Partial<NormaliseContext> = {},
): number {
  const filled = values.filter((value) => !isBlank(value));
  if (filled.length === 0) return 0;
  const fits = fitter(type, filled, { ...eastAfrica, ...context });
  return filled.filter(fits).length / filled.length;
}

function fitter(type: FieldType, values: string[], context: NormaliseContext): (value: string) => boolean {
  if (type === 'phone') {
    const regions = [context.region, ...phoneRegions.filter((region) => region !== context.region)];
    return (value) =>
      regions.some((region) => {
        const result = normalisePhone(value, region);
        return result.ok || isPhoneShapedError(result.error);
      });
  }
  if (type === 'name') {
    const read = normaliserFor('name', context);
    return (value) => read(value).ok && !/[@\d]/.test(value) && value.trim().split(/\s+/).length <= 6;
  }
  if (type === 'id') return (value) => /^\S{1,40}$/.test(cleanSpaces(value));
  let read = normaliserFor(type, context);
  if (type === 'date' || type === 'datetime') {
    const decision = decideDateOrder(values, defaultDateOrder(context.region));
    read = normaliserFor(type, {
      ...context,
      dateOrder: context.dateOrder ?? decision.order,
      excelSerials: context.excelSerials ?? decision.excelSerials,
    });
  }
  return (value) => read(value).ok;
}

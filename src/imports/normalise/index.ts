/** The import center's value normalisers: raw cell text in, a clean value or a plain error out. */
export { normaliseAmount } from './amount.ts';
export { normaliseBoolean } from './boolean.ts';
export { normaliseCountry } from './country.ts';
export { normaliseCurrency } from './currency.ts';
export {
  type DateOptions,
  type DateOrder,
  type DateOrderDecision,
  decideDateOrder,
  fromExcelSerial,
  normaliseDate,
} from './date.ts';
export { normaliseDateTime } from './datetime.ts';
export { isEmailAddress, normaliseEmail } from './email.ts';
export { joinName, normaliseName, splitName } from './name.ts';
export { normaliseInteger, normaliseNumber } from './number.ts';
export { isPhoneShapedError, maskedPhoneError, normalisePhone } from './phone.ts';
export {
  type CellNormaliser,
  defaultDateOrder,
  looksLike,
  type NormaliseContext,
  normaliserFor,
} from './registry.ts';
export type { Result } from './result.ts';

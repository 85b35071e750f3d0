/** Phone numbers in every local format ("0712 345 678", "255712345678", "+255 712-345-678") to E.164. */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Returns the E.164 form, or null when the text is not a valid number for that region. */
export function toE164(text: string | null | undefined, defaultRegion: string): string | null {
  if (!text) return null;
  const cleaned = text.trim().replace(/^00/, '+');
  if (cleaned === '') return null;
  let parsed = parsePhoneNumberFromString(cleaned, defaultRegion as CountryCode);
  // "255712345678" written without the plus: try it as an international number too.
  if (!parsed?.isValid() && /^\d{10,15}$/.test(cleaned.replace(/\D/g, ''))) {
    parsed = parsePhoneNumberFromString(`+${cleaned.replace(/\D/g, '')}`);
  }
  return parsed?.isValid() ? parsed.number : null;
}

/** True when the text looks like someone typed a phone number (digits, spaces, dashes, plus). */
export function looksLikePhone(text: string): boolean {
  return /^[+(]?[\d\s\-().]{7,20}$/.test(text.trim()) && (text.match(/\d/g)?.length ?? 0) >= 7;
}

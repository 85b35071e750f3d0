/**
 * Phone cells to E.164, wrapping core/phone's toE164 with what spreadsheets and M-Pesa statements do to
 * numbers: two numbers in one cell, Excel's "255712345678.0" and "2.55712E+11", masked "2547******678".
 */
import { toE164 } from '../../core/phone.ts';
import { scientificToPlain } from './decimal.ts';
import { cleanSpaces, fail, isBlank, ok, type Result } from './result.ts';

/** Error for M-Pesa style masked numbers; callers keep the raw text in the row's notes. */
export const maskedPhoneError = 'masked number';

// Numbers Excel turned into "2.55712E+11": the hidden digits cannot be recovered.
const lostDigits = (shown: string) => `Excel shortened the number to ${shown}: its last digits are lost`;

/** True for errors that still prove the cell held a phone number (masked, or shortened by Excel). */
export function isPhoneShapedError(error: string): boolean {
  return error === maskedPhoneError || error.startsWith('Excel shortened the number');
}

// Between numbers in one cell: "/", ";", ",", "|", "&", " or ", " na " (Swahili "and"), new lines.
const separators = /\s*(?:[/;,|&\n]|\bor\b|\bna\b)\s*/i;

/** A phone number in E.164 ("+255712345678") for the business's region; the first of several is kept. */
export function normalisePhone(text: string, region: string): Result<string> {
  if (isBlank(text)) return ok(null);
  let raw = cleanSpaces(text);
  // Excel's number format with grouping turns 255712345678 into "255,712,345,678".
  if (/^\d{1,3}(,\d{3}){2,}(\.0+)?$/.test(raw)) raw = raw.replace(/,/g, '');
  if (/\d[*xX•#]{2,}\d|^[*xX•#]{2,}\d|\d[*xX•#]{2,}$/.test(raw)) return fail(maskedPhoneError);
  const parts = raw.split(separators).filter((part) => /\d/.test(part));
  const [first, ...others] = parts;
  if (first === undefined) return fail('not a phone number');
  const phone = readOne(first, region);
  if (!phone.ok) return phone;
  const notes: string[] = [];
  if (phone.note) notes.push(phone.note);
  if (others.length > 0) notes.push(`also in the cell: ${others.join(', ')}`);
  return ok(phone.value, notes.length > 0 ? notes.join('; ') : undefined);
}

function readOne(text: string, region: string): Result<string> {
  let candidate = text.replace(/^(?:tel|phone|mob|mobile|cell|simu)\s*[:.]?\s*/i, '');
  let note: string | undefined;
  const scientific = candidate.match(/^\+?(\d(?:\.\d+)?[eE]\+?\d+)$/);
  if (scientific?.[1]) {
    const plain = scientificToPlain(scientific[1]);
    const shown = (scientific[1].split(/[eE]/)[0] ?? '').replace('.', '').length;
    // Exact only when every digit is still written out; "2.55712E+11" hides six of them.
    if (plain === null || shown < plain.length) return fail(lostDigits(text));
    candidate = plain;
    note = 'read from Excel scientific notation';
  } else if (/^\+?\d+\.0+$/.test(candidate)) {
    // Excel stores numbers as decimals: "255712345678.0" is 255712345678.
    candidate = candidate.replace(/\.0+$/, '');
  }
  if (/[a-z]{2,}/i.test(candidate.replace(/\b(?:ext|x)\.?\s*\d+$/i, ''))) return fail('not a phone number');
  const e164 = toE164(candidate, region);
  return e164 ? ok(e164, note) : fail('not a phone number');
}

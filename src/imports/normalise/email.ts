/** Email cells: lowercased, trimmed, checked; the first of "a@x.com; b@y.com" is kept. */
import { cleanSpaces, fail, isBlank, isPlaceholder, ok, type Result } from './result.ts';

// Practical, not RFC 5322: what mail providers accept and what people mistype shows up as an error.
const localPart = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const domainPart = /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}$/;

/** True for a syntactically usable address (already lowercased and trimmed). */
export function isEmailAddress(address: string): boolean {
  const at = address.lastIndexOf('@');
  if (at < 1 || address.length > 254) return false;
  const local = address.slice(0, at);
  return local.length <= 64 && localPart.test(local) && domainPart.test(address.slice(at + 1));
}

/** An email address, lowercased; "n/a", "none", "test@", addresses with spaces inside are errors. */
export function normaliseEmail(text: string): Result<string> {
  if (isBlank(text)) return ok(null);
  const raw = cleanSpaces(text);
  if (isPlaceholder(raw) || /^no\s*e-?mail$/i.test(raw)) return fail('no email address given');
  const parts = raw.split(/\s*[;,]\s*/).filter((part) => part !== '');
  const [first = '', ...others] = parts;
  // "Joyce Mushi <joyce@example.com>" as mail programs export it.
  const named = first.match(/<([^<>]+)>\s*$/);
  const address = (named?.[1] ?? first)
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (/\s/.test(address)) return fail(`"${first}" has a space in it: not an email address`);
  if (!isEmailAddress(address)) return fail(`"${first}" is not an email address`);
  return ok(address, others.length > 0 ? `also in the cell: ${others.join(', ')}` : undefined);
}

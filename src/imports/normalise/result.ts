/** The shape every normaliser returns, and the small helpers they share. */

/**
 * Either a clean value (null for an empty cell) or a plain-language error for the shop owner.
 * `note` carries what was dropped or guessed on the way ("second number 0754111222 left out"), so the
 * import can keep it next to the row instead of losing it silently.
 */
export type Result<T> = { ok: true; value: T | null; note?: string } | { ok: false; error: string };

export function ok<T>(value: T | null, note?: string): Result<T> {
  return note === undefined ? { ok: true, value } : { ok: true, value, note };
}

export function fail<T = never>(error: string): Result<T> {
  return { ok: false, error };
}

/** Non-breaking, narrow and thin spaces come from French-locale Excel and from PDFs; read them as spaces. */
export function cleanSpaces(text: string): string {
  return text.replace(/[\u00a0\u2007\u2009\u202f\t]/g, ' ').trim();
}

/** True for a cell with nothing in it (spaces count as nothing). */
export function isBlank(text: string | null | undefined): boolean {
  return text === null || text === undefined || cleanSpaces(text) === '';
}

// What people type when a value is unknown. Kept as an error (not null) so the owner sees it was not a value.
const placeholders = new Set([
  '-',
  '--',
  '—',
  '?',
  'n/a',
  'na',
  'n.a.',
  'none',
  'null',
  'nil',
  'hakuna',
  'nothing',
]);

/** "n/a", "none", "-", "hakuna" (Swahili: there is none)… */
export function isPlaceholder(text: string): boolean {
  return placeholders.has(cleanSpaces(text).toLowerCase());
}

/**
 * People's and businesses' names: spacing cleaned, SHOUTED or lowercase names put in Title Case, names
 * someone took care to case ("McDonald", "DeSouza") kept exactly as written.
 */
import { cleanSpaces, fail, isBlank, isPlaceholder, ok, type Result } from './result.ts';

// Joining words that stay lowercase inside a name: Swahili/Arabic "bin", "binti", "wa", European "de", "van",
// and the Swahili "of" of shop names ("Duka la Mama Joyce", "Hoteli ya Bahari").
const particles = new Set(
  'bin binti bint ibn wa la ya cha za kwa na de da del della di dos das du van von der den ter'.split(' '),
);

// A name alone after one of these is how people are known ("Mama Joyce"): it is not first + last name.
const honorifics = new Set('mama baba bi bibi bw bwana mzee dada kaka mr mrs ms miss dr'.split(' '));

/** A name with its spacing cleaned and, when written all in capitals or all in lowercase, in Title Case. */
export function normaliseName(text: string): Result<string> {
  if (isBlank(text)) return ok(null);
  const name = collapse(text);
  if (isPlaceholder(name) || !/\p{L}/u.test(name)) return fail(`"${name}" is not a name`);
  const uniform = name === name.toUpperCase() || name === name.toLowerCase();
  return ok(uniform ? titleCase(name) : name);
}

function collapse(text: string): string {
  return cleanSpaces(text).replace(/\s+/g, ' ');
}

function titleCase(name: string): string {
  return name
    .toLowerCase()
    .split(' ')
    .map((word, index) => (index > 0 && particles.has(word) ? word : capitaliseWord(word)))
    .join(' ');
}

/** "mary-anne" → "Mary-Anne", "o'brien" → "O'Brien", "mcdonald" → "McDonald". */
function capitaliseWord(word: string): string {
  const capitalised = word.replace(
    /(^|[-'’.])(\p{L})/gu,
    (_, mark: string, letter: string) => mark + letter.toUpperCase(),
  );
  return capitalised.replace(/^Mc(\p{L})/u, (_, letter: string) => `Mc${letter.toUpperCase()}`);
}

/**
 * Splits a full name: the last word (with the particles before it, "bin Hassan") is the last name, the
 * rest the first. "Mushi, Joyce" is read last-first; "Mama Joyce" stays whole as the first name.
 */
export function splitName(full: string): { first: string; last: string } {
  const name = collapse(full);
  const comma = name.match(/^([^,]+),\s*([^,]+)$/);
  if (comma) return { first: comma[2]?.trim() ?? '', last: comma[1]?.trim() ?? '' };
  const words = name.split(' ').filter((word) => word !== '');
  if (words.length <= 1) return { first: words[0] ?? '', last: '' };
  if (words.length === 2 && honorifics.has((words[0] ?? '').toLowerCase().replace(/\.$/, ''))) {
    return { first: name, last: '' };
  }
  let cut = words.length - 1;
  while (cut > 1 && particles.has((words[cut - 1] ?? '').toLowerCase())) cut--;
  return { first: words.slice(0, cut).join(' '), last: words.slice(cut).join(' ') };
}

/** First and last name back into one, skipping empty parts. */
export function joinName(first: string | null | undefined, last: string | null | undefined): string {
  return [first, last]
    .map((part) => collapse(part ?? ''))
    .filter((part) => part !== '')
    .join(' ');
}

/**
 * Header text reduced to a comparable key, and the small string measures the fuzzy stage of the
 * mapping waterfall uses (token overlap, edit distance).
 */

/**
 * Lowercase, accents stripped, punctuation and underscores to spaces, spaces collapsed. Two additions
 * so that exports written in code style compare with ones written for people: camelCase and
 * letter/digit boundaries become spaces ("POAddressLine1" → "po address line 1", "EmailID" →
 * "email id"), and "#" reads as "no" ("Invoice #" → "invoice no").
 */
export function normaliseHeader(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\d)/gu, '$1 $2')
    .replace(/(\d)(\p{L})/gu, '$1 $2')
    .replace(/#/g, ' no ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The key with its spaces removed, so "first name", "firstname" and "FIRST_NAME" meet. */
export function compactKey(key: string): string {
  return key.replace(/ /g, '');
}

/** Edit distance counting insertions, deletions, substitutions and swaps of neighbours ("emial"). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const above = rows[i - 1] ?? [];
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row[j] = best;
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? Math.max(a.length, b.length);
}

/** 1 for equal strings, 0 for nothing in common, by edit distance over the longer length. */
export function stringSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - editDistance(a, b) / longest;
}

// One-word phrases too common to name a field on their own inside a longer header: "Tax Amount" is
// not the amount, "Receipt Number" not the invoice number, "Shipping Cost" not the cost.
const weakHeads = new Set([
  'name',
  'names',
  'number',
  'no',
  'num',
  'code',
  'id',
  'date',
  'time',
  'amount',
  'total',
  'type',
  'label',
  'status',
  'price',
  'cost',
  'qty',
  'quantity',
]);

/**
 * Similarity of two normalised keys from 0 to 1: the best of (a) token overlap where a token also
 * matches a close misspelling ("phne" ~ "phone"), (b) the phrase starting or ending the header
 * ("Default Address City" ends with "city"), scaled by how much of the header it makes up, and (c)
 * edit distance over the whole key when the header is one word ("phonenumbr").
 */
export function keySimilarity(header: string, phrase: string): number {
  const headerTokens = header.split(' ').filter(Boolean);
  const phraseTokens = phrase.split(' ').filter(Boolean);
  if (headerTokens.length === 0 || phraseTokens.length === 0) return 0;
  const unused = [...headerTokens];
  let matched = 0;
  let exactMatches = 0;
  for (const token of phraseTokens) {
    let bestIndex = -1;
    let best = 0;
    unused.forEach((candidate, index) => {
      const score = tokenSimilarity(candidate, token);
      if (score > best) {
        best = score;
        bestIndex = index;
      }
    });
    if (bestIndex >= 0) {
      matched += best;
      if (best === 1) exactMatches++;
      unused.splice(bestIndex, 1);
    }
  }
  const strongPhrase = phraseTokens.length > 1 || !weakHeads.has(phrase);
  // A header ending in a weak word is about that word ("Company Number" is a number, "Invoice Date"
  // a date): it only matches phrases that end the same way.
  const lastToken = headerTokens[headerTokens.length - 1] ?? '';
  const headedElsewhere =
    headerTokens.length > 1 && weakHeads.has(lastToken) && !phraseTokens.includes(lastToken);
  // A weak word alone says nothing inside a longer header ("Receipt Number" is no invoice number).
  const overlap =
    (strongPhrase || headerTokens.length === 1) && !headedElsewhere
      ? (2 * matched) / (headerTokens.length + phraseTokens.length)
      : 0;
  // Containment counts when the phrase, as written, ends the header (English puts the head word last:
  // "Default Address City" is a city) or starts it (Swahili puts it first: "Simu ya mkononi").
  const atEdge = header.endsWith(` ${phrase}`) || header.startsWith(`${phrase} `);
  const contained =
    atEdge && strongPhrase && !headedElsewhere && exactMatches === phraseTokens.length
      ? 0.6 + 0.3 * (phraseTokens.length / headerTokens.length)
      : 0;
  const whole = headerTokens.length === 1 ? stringSimilarity(header, compactKey(phrase)) : 0;
  return Math.min(1, Math.max(overlap, contained, whole));
}

/** Token similarity: equal, or a close misspelling of a word long enough to misspell. */
function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (Math.min(a.length, b.length) < 4) return 0;
  const similarity = stringSimilarity(a, b);
  return similarity >= 0.8 ? similarity : 0;
}

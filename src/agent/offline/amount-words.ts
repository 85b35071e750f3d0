/**
 * Money amounts in a chat message: digits as people type them ("50,000", "50k", "2.4M", "TSh 15,000",
 * "20,000/=") and Swahili number words ("elfu hamsini", "milioni mbili na laki tano", "elfu 50").
 * A sentence often holds other numbers too (phones, invoice numbers, M-Pesa codes, dates, "30 days"),
 * so every candidate is scored on how much it looks like money and the best one wins.
 */

/** An amount found in a sentence: a plain decimal string in major units and where it was written. */
export interface LocatedAmount {
  value: string;
  index: number;
  length: number;
}

/** Swahili units, one to nine (also the ordinals of "mwezi wa tatu"). */
export const unitWords: Record<string, number> = {
  moja: 1,
  mbili: 2,
  tatu: 3,
  nne: 4,
  tano: 5,
  sita: 6,
  saba: 7,
  nane: 8,
  tisa: 9,
};

const tensWords: Record<string, number> = {
  kumi: 10,
  ishirini: 20,
  thelathini: 30,
  arobaini: 40,
  hamsini: 50,
  sitini: 60,
  sabini: 70,
  themanini: 80,
  tisini: 90,
};

/** Swahili puts the multiplier first: "elfu hamsini" is a thousand times fifty. */
const multiplierWords: Record<string, number> = {
  mia: 100,
  elfu: 1_000,
  laki: 100_000,
  milioni: 1_000_000,
  bilioni: 1_000_000_000,
};

/** How large the count after each multiplier may be: "mia tano", "laki mbili", "elfu mia tatu". */
const countLimits: Record<string, number> = {
  mia: 100,
  elfu: 1_000,
  laki: 100,
  milioni: 1_000,
  bilioni: 1_000,
};

const currencyWords = new Set([
  'tsh',
  'tshs',
  'tzs',
  'kes',
  'ksh',
  'kshs',
  'sh',
  'shs',
  'shilingi',
  'pesa',
  'ugx',
]);

/** Words right before a number that say it is money. */
const amountContextWords = new Set(
  `ya of paid pay amelipa alilipa ametuma kiasi cha record rekodi pokea received receive got amount sum
  total jumla sent nimepokea tumepokea`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words right before a number that say it is not money but a label, a count or a date. */
const notAmountBefore = new Set(
  `ref reference invoice inv ankara no number namba nambari order oda code kumbukumbu phone simu tel
  till paybill account acc akaunti siku wiki miezi mwezi saa asilimia mara receipt risiti id`
    .split(/\s+/)
    .filter(Boolean),
);

const unitAfterNumber =
  /^\s*(?:%|percent\b|days?\b|siku\b|weeks?\b|months?\b|years?\b|yrs?\b|hours?\b|hrs?\b|minutes?\b|mins?\b|pcs\b|pieces?\b|vipande\b|items?\b|kg\b|kgs\b|litres?\b|liters?\b|am\b|pm\b|st\b|nd\b|rd\b|th\b)/;

/**
 * Phone numbers in East African formats: "+255712345678", "255 712 345 678", "0712 345 678",
 * "0712-345-678". They are blanked out before looking for amounts.
 */
const phonePatterns = [
  /\+\d[\d\s-]{7,}\d/g,
  /\b(?:255|254|256|250)[\s-]?\d{3}[\s-]?\d{3}[\s-]?\d{3}\b/g,
  /\b0[1-9]\d{2}[\s-]?\d{3}[\s-]?\d{3}\b/g,
];

/** Blanks phone numbers with '#' (same length, so positions still match the original text). */
export function maskPhoneNumbers(text: string): string {
  let masked = text;
  for (const pattern of phonePatterns) masked = masked.replace(pattern, (phone) => '#'.repeat(phone.length));
  return masked;
}

/**
 * A number with an optional currency before it and an optional multiplier or currency after it. The
 * look-arounds keep out digits glued to letters ("QK41XYZ9AB", "50kg"), hyphens ("INV-000123",
 * "2026-11-23"), slashes ("12/03") and colons ("10:30").
 */
const digitAmountPattern =
  /(?:(?<currency>\b(?:tshs?|tzs|kes|kshs?|shs?|ugx|usd|shilingi)\.?\s*|\$\s*)|(?<![\p{L}\d#/:.,-]))(?<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?<suffix>(?:k|m|mn|bn|b)(?![\p{L}\d])|\s?(?:million|mil|thousand|billion)\b|\s?(?:tshs?|tzs|kes|kshs?|shs?|shillings?|shilingi|bob)\b|\/[=-])?(?![\p{L}\d]|[.,]\d|[/:-]\d)/gu;

const suffixZeros: Record<string, number> = {
  k: 3,
  thousand: 3,
  m: 6,
  mn: 6,
  mil: 6,
  million: 6,
  b: 9,
  bn: 9,
  billion: 9,
};

/** Moves the decimal point `zeros` places right, exactly, on the digit string ("2.45", 3 → "2450"). */
function shiftDecimal(number: string, zeros: number): string {
  const [whole = '', fraction = ''] = number.split('.');
  const moved = fraction.slice(0, zeros).padEnd(zeros, '0');
  const rest = fraction.slice(zeros);
  const integer = `${whole}${moved}`.replace(/^0+(?=\d)/, '');
  return rest ? `${integer}.${rest}` : integer;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

interface Candidate extends LocatedAmount {
  score: number;
}

interface Token {
  text: string;
  index: number;
}

function tokenize(lower: string): Token[] {
  return [...lower.matchAll(/[\p{L}]+|\d+(?:\.\d+)?/gu)].map((match) => ({
    text: match[0],
    index: match.index,
  }));
}

interface ParsedWords {
  value: number;
  end: number; // index of the first token after the number
  hasMultiplier: boolean;
}

const isDigits = (text: string | undefined) => text !== undefined && /^\d/.test(text);

/**
 * Parses Swahili number words from token `start`: terms in falling order of size, each multiplier
 * followed by its count, "na" joining terms ("elfu ishirini na tano", "milioni mbili na laki tano").
 * A term whose count is missing counts once ("elfu" = 1,000); "na nusu" adds half of the last term.
 */
function parseNumberWords(tokens: Token[], start: number, limit: number): ParsedWords | null {
  let total = 0;
  let lastScale = Number.POSITIVE_INFINITY;
  let lastMultiplier = 0;
  let index = start;
  let found = false;
  let hasMultiplier = false;
  while (index < tokens.length) {
    let next = index;
    // "na" joins two parts of one number only when another part follows it.
    if (found && tokens[next]?.text === 'na') next++;
    const word = tokens[next]?.text;
    if (word === undefined) break;
    if (found && word === 'nusu' && next > index && lastMultiplier > 0) {
      total += lastMultiplier / 2;
      index = next + 1;
      lastMultiplier = 0;
      continue;
    }
    const multiplier = multiplierWords[word];
    if (multiplier !== undefined) {
      if (multiplier >= limit || multiplier >= lastScale) break;
      const countToken = tokens[next + 1]?.text;
      let count = 1;
      let after = next + 1;
      if (isDigits(countToken)) {
        count = Number(countToken);
        after = next + 2;
      } else {
        const parsed = parseNumberWords(tokens, next + 1, countLimits[word] ?? 1_000);
        if (parsed) {
          count = parsed.value;
          after = parsed.end;
        }
      }
      total += multiplier * count;
      lastScale = multiplier;
      lastMultiplier = multiplier;
      index = after;
      found = true;
      hasMultiplier = true;
      continue;
    }
    const tens = tensWords[word];
    const units = unitWords[word];
    const scale = tens !== undefined ? 10 : 1;
    const small = tens ?? units;
    if (small === undefined || scale >= lastScale || scale >= limit) break;
    total += small;
    lastScale = scale;
    lastMultiplier = 0;
    index = next + 1;
    found = true;
  }
  return found ? { value: total, end: index, hasMultiplier } : null;
}

function wordCandidates(lower: string): Candidate[] {
  const tokens = tokenize(lower);
  const candidates: Candidate[] = [];
  let position = 0;
  while (position < tokens.length) {
    const token = tokens[position];
    if (!token) break;
    const previous = tokens[position - 1]?.text ?? '';
    const following = tokens[position + 1];
    const afterFollowing = tokens[position + 2]?.text;
    const followingMultiplier = following ? multiplierWords[following.text] : undefined;
    // "50 elfu", "2 milioni": digits followed by a bare multiplier.
    if (
      isDigits(token.text) &&
      following &&
      followingMultiplier !== undefined &&
      followingMultiplier >= 1_000 &&
      !isDigits(afterFollowing) &&
      !(afterFollowing && (afterFollowing in unitWords || afterFollowing in tensWords))
    ) {
      const value = Number(token.text) * followingMultiplier;
      candidates.push({
        value: formatNumber(value),
        index: token.index,
        length: following.index + following.text.length - token.index,
        score: 5 + (currencyWords.has(previous) ? 3 : 0),
      });
      position += 2;
      continue;
    }
    const parsed = isDigits(token.text) ? null : parseNumberWords(tokens, position, Number.POSITIVE_INFINITY);
    const currencyBefore = currencyWords.has(previous);
    if (parsed && (parsed.hasMultiplier || currencyBefore) && parsed.value > 0) {
      const last = tokens[parsed.end - 1] ?? token;
      // A longer run of number words is clearly an amount; a lone "elfu" less so, and a lone "mia"
      // may well be someone called Mia unless money words come before it.
      const lone = parsed.end - position === 1;
      const base = !lone ? 4 : token.text === 'mia' ? 0 : 2;
      candidates.push({
        value: formatNumber(parsed.value),
        index: token.index,
        length: last.index + last.text.length - token.index,
        score: base + (currencyBefore ? 3 : 0) + (amountContextWords.has(previous) ? 2 : 0),
      });
      position = parsed.end;
      continue;
    }
    position++;
  }
  return candidates;
}

/** Up to `count` words right before `index`, nearest last; a number in between ends the look back. */
function previousWords(lower: string, index: number, count: number): string[] {
  const tokens = lower
    .slice(Math.max(0, index - 40), index)
    .split(/\s+/)
    .filter(Boolean);
  const words: string[] = [];
  for (const token of tokens.slice(-count).reverse()) {
    if (/\d/.test(token)) break;
    words.unshift(token.replace(/[^\p{L}#]/gu, ''));
  }
  return words;
}

function digitCandidates(lower: string): Candidate[] {
  const candidates: Candidate[] = [];
  for (const match of lower.matchAll(digitAmountPattern)) {
    const groups = match.groups ?? {};
    const number = (groups.number ?? '').replace(/,/g, '');
    const suffix = (groups.suffix ?? '').trim();
    const numberIndex = match.index + match[0].indexOf(groups.number ?? '');
    const before = previousWords(lower, numberIndex, 2);
    if (notAmountBefore.has(before.at(-1) ?? '')) continue;
    if (before.at(-1) === '#') continue;
    if (!suffix && unitAfterNumber.test(lower.slice(match.index + match[0].length))) continue;
    const zeros = suffixZeros[suffix] ?? 0;
    const value = shiftDecimal(number, zeros);
    if (!/[1-9]/.test(value)) continue;
    const hasCurrency = Boolean(groups.currency) || (suffix !== '' && zeros === 0);
    let score = 1;
    if (hasCurrency) score += 3;
    if (zeros > 0) score += 3;
    if ((groups.number ?? '').includes(',')) score += 2;
    if (before.some((word) => amountContextWords.has(word))) score += 2;
    // A bare four-digit number from 1900 to 2099 is more likely a year than an amount.
    if (score === 1 && /^(?:19|20)\d\d$/.test(number)) score -= 2;
    candidates.push({ value, index: match.index, length: match[0].length, score });
  }
  return candidates;
}

function candidates(text: string): Candidate[] {
  const lower = maskPhoneNumbers(text.toLowerCase());
  const words = wordCandidates(lower);
  const digits = digitCandidates(lower).filter(
    (digit) =>
      !words.some(
        (word) => digit.index < word.index + word.length && word.index < digit.index + digit.length,
      ),
  );
  return [...words, ...digits].filter((candidate) => candidate.score >= 1).sort((a, b) => a.index - b.index);
}

/**
 * Every number in the sentence that reads as money, in order, each marked `clear` when it carries a
 * money sign of its own (currency, k/M, separators, number words or a word like "paid" before it).
 */
export function locateAmounts(text: string): (LocatedAmount & { clear: boolean })[] {
  return candidates(text).map(({ value, index, length, score }) => ({
    value,
    index,
    length,
    clear: score >= 3,
  }));
}

/**
 * Finds the money amount in a sentence and where it is. Returns null when there is no number that
 * reads as money (phone numbers, invoice numbers, codes, bare years and counts of days do not).
 */
export function locateAmount(text: string): LocatedAmount | null {
  let best: Candidate | null = null;
  for (const candidate of candidates(text)) {
    if (!best || candidate.score > best.score) best = candidate;
  }
  return best ? { value: best.value, index: best.index, length: best.length } : null;
}

/** Returns the amount as a plain decimal string in major units (e.g. '50000', '1200.5'), or null. */
export function findAmount(text: string): string | null {
  return locateAmount(text)?.value ?? null;
}

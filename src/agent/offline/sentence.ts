/**
 * One message prepared for the intent detectors: normalised text (case kept, for names), its
 * lowercase twin with the same positions, today's date, the period said in it, and whether it asks.
 */
import { takeNameAfter, takeNameBefore } from './customer-name.ts';
import { type LocatedPeriod, locatePeriod } from './period.ts';

export interface Sentence {
  /** The message with typographic quotes and odd spaces made plain, trimmed; case kept. */
  text: string;
  /** `text` in lowercase, position for position. */
  lower: string;
  /** Today in the business's time zone, YYYY-MM-DD. */
  today: string;
  located: LocatedPeriod | null;
  /** Whether the message asks something rather than states or orders it. */
  question: boolean;
}

const questionStart =
  /^(?:je\s+|kiungo[\s,]+)?(?:how|what|what's|whats|who|whom|when|why|which|did|does|do|has|have|is|are|was|were|can|could|je)\b/;
const questionWords = /\bkiasi\s+gani\b|\bngapi\b|\bhow\s+much\b|\bhow\s+many\b|\blini\b|\bnani\b/;

export function prepareSentence(input: string, today: string): Sentence {
  // One-for-one replacements only, so positions in `text` and `lower` stay aligned.
  let text = input
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s/g, ' ')
    .trim();
  let lower = text.toLowerCase();
  if (lower.length !== text.length) text = lower; // rare letters whose lowercase changes length
  lower = text.toLowerCase();
  const question = /\?\s*$/.test(text) || questionStart.test(lower) || questionWords.test(lower);
  return { text, lower, today, located: locatePeriod(lower, today), question };
}

/** Where a name is relative to a pattern's capture group: the subject before it or the object after it. */
export type NameSide = 'before' | 'after';

export interface NamePattern {
  pattern: RegExp;
  /** 'before': the name ends where group 1 ends; 'after': the name starts where the match ends. */
  side: NameSide;
}

/** Words that end a subject read backwards ("record that Hassan paid", "mteja Hassan amelipa"). */
export const subjectStops = new Set(
  `je record rekodi note kumbuka that kwamba mteja customer client our my i we please tafadhali kiungo
  andika sajili log so`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * The first plausible customer name found by the patterns, in pattern order. Patterns run on the
 * lowercase text; names are cut from `text` (same positions) so they keep the owner's spelling.
 */
export function findName(sentence: Sentence, patterns: NamePattern[], source = sentence.text): string | null {
  const lower = source.toLowerCase();
  for (const { pattern, side } of patterns) {
    const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
    const global = new RegExp(pattern.source, `${flags.replace('d', '')}d`);
    for (const match of lower.matchAll(global)) {
      const name =
        side === 'before'
          ? takeNameBefore(source, match.indices?.[1]?.[1] ?? match.index, subjectStops)
          : takeNameAfter(source, match.index + match[0].length);
      if (name) return name;
    }
  }
  return null;
}

/**
 * The column mapping waterfall: for each column, the tenant's remembered choice, then the source
 * system's preset, then the canonical name, then a synonym (English or Swahili), then a fuzzy match;
 * candidates from the last three stages must agree with the column's values. Each field then takes
 * at most one column.
 */
import type { ColumnMapping, FieldSpec, FieldType, ImportEntity, MappingReason } from '../types.ts';
import { entityFields, fieldLabels } from './fields.ts';
import { compactKey, keySimilarity, normaliseHeader } from './normalise.ts';
import type { SourcePreset } from './presets/types.ts';
import { synonymIndex } from './synonyms.ts';

/** Scores how well values fit a field type, 0–1 (injected: the normalise module provides it). */
export type ValueChecker = (type: FieldType, values: string[]) => number;

export interface MapOptions {
  /** The tenant's learned header → field (null: "do not import"), keyed by normalised header. */
  remembered?: ReadonlyMap<string, string | null>;
  /** Used only when its entity is the one being mapped. */
  preset?: SourcePreset;
  looksLike?: ValueChecker;
}

export const confidence = {
  remembered: 1,
  preset: 0.98,
  exact: 0.95,
  synonym: 0.9,
  fuzzyMax: 0.85,
  fuzzyMin: 0.5,
} as const;

// Key similarity below this is not a fuzzy match. Equal keys were offered as exact or synonym above,
// at a higher confidence than any fuzzy one, so offering them again here changes nothing.
const fuzzyThreshold = 0.6;

/**
 * Columns that are never mapped by name alone: marketing consent, tax and tracking flags. Their
 * headers share words with real fields ("Accepts Email Marketing" holds "email") but their values
 * are yes/no flags. They stay unmapped rather than going to tags or notes: a column of "yes"/"no"
 * in a customer's notes helps nobody, and consent must not be inferred from an import.
 */
const flagHeader =
  /\b(accepts?|marketing|consent|opt (in|out)|opted|subscribed|subscription|newsletter|unsubscribe|tax exempt|taxable|verified|include in email|do not (call|email|contact)|track|tracking)\b/;

/**
 * Headers about something near a field but not it: a middle name or nickname is not the full name,
 * a contact owner is a salesperson, "Phone 1 - Label" says what kind of number the next column
 * holds, a bank account name is not the company.
 */
const unrelatedHeader =
  /\b(middle name|nick ?name|user ?name|owner|salutation|label|url|website|web page|password|photo|image|bank|seo|weight|grams|length|width|height|phonetic|yomi|prefix|suffix)\b/;

interface Candidate {
  field: string | null;
  confidence: number;
  reason: MappingReason;
}

/** Maps each column of a table to a canonical field of `entity` (or to nothing), deterministically. */
export function mapColumns(
  entity: ImportEntity,
  headers: string[],
  samples: string[][],
  options: MapOptions = {},
): ColumnMapping[] {
  const fields = entityFields[entity];
  const preset = options.preset?.entity === entity ? presetFor(options.preset, headers) : null;
  const perColumn = headers.map((header, index) =>
    candidatesFor(entity, fields, header, samples[index] ?? [], options, preset),
  );
  return assign(headers, perColumn);
}

function candidatesFor(
  entity: ImportEntity,
  fields: FieldSpec[],
  header: string,
  values: string[],
  options: MapOptions,
  preset: Map<string, string | null> | null,
): Candidate[] {
  const key = normaliseHeader(header);
  if (key === '') return [];
  const known = (field: string | null) => field === null || fields.some((spec) => spec.name === field);

  // A remembered or preset answer is final for the column, including "do not import".
  const remembered = options.remembered?.get(key);
  if (remembered !== undefined && known(remembered)) {
    return [{ field: remembered, confidence: confidence.remembered, reason: 'remembered' }];
  }
  const fromPreset = preset?.get(key);
  if (fromPreset !== undefined && known(fromPreset)) {
    return [{ field: fromPreset, confidence: confidence.preset, reason: 'preset' }];
  }
  if (flagHeader.test(key) || unrelatedHeader.test(key)) return [];

  const byField = new Map<string, Candidate>();
  const offer = (candidate: Candidate & { field: string }) => {
    const current = byField.get(candidate.field);
    if (!current || candidate.confidence > current.confidence) byField.set(candidate.field, candidate);
  };
  const compact = compactKey(key);
  for (const spec of fields) {
    const names = [normaliseHeader(spec.name), normaliseHeader(fieldLabels[spec.name]?.en ?? spec.name)];
    if (names.some((name) => name === key || compactKey(name) === compact)) {
      offer({ field: spec.name, confidence: confidence.exact, reason: 'exact' });
    }
  }
  const { byKey, phrases } = synonymIndex(entity);
  const synonymField = byKey.get(key) ?? phrases.find((phrase) => compactKey(phrase.key) === compact)?.field;
  if (synonymField) offer({ field: synonymField, confidence: confidence.synonym, reason: 'synonym' });

  const vocabulary = [
    ...fields.flatMap((spec) => [
      { field: spec.name, key: normaliseHeader(spec.name) },
      { field: spec.name, key: normaliseHeader(fieldLabels[spec.name]?.en ?? spec.name) },
    ]),
    ...phrases,
  ];
  for (const phrase of vocabulary) {
    const similarity = keySimilarity(key, phrase.key);
    if (similarity < fuzzyThreshold) continue;
    const scaled =
      confidence.fuzzyMin +
      ((similarity - fuzzyThreshold) / (1 - fuzzyThreshold)) * (confidence.fuzzyMax - confidence.fuzzyMin);
    offer({ field: phrase.field, confidence: round(scaled), reason: 'fuzzy' });
  }

  const checked: Candidate[] = [];
  for (const candidate of byField.values()) {
    const type = fields.find((spec) => spec.name === candidate.field)?.type ?? 'text';
    const factor = valueFactor(type, values, options.looksLike);
    if (factor > 0) checked.push({ ...candidate, confidence: round(candidate.confidence * factor) });
  }
  return checked.sort(
    (a, b) => b.confidence - a.confidence || fieldOrder(fields, a.field) - fieldOrder(fields, b.field),
  );
}

/**
 * How far the values back a match by name: 1 when they fit the type, 0.8 when most do, 0 (reject)
 * when fewer than half do. Text and ids fit anything. A column whose sample cells are all empty
 * cannot disagree, but gets 0.9 so that a filled column of the same name wins ("Phone 1 - Value"
 * over an empty "Phone 2 - Value"). Cells holding several values joined by " ::: " (Google
 * Contacts) are judged by their first value.
 */
function valueFactor(type: FieldType, values: string[], looksLike: ValueChecker | undefined): number {
  if (!looksLike || type === 'text' || type === 'id') return 1;
  const filled = values.map((value) => value.split(' ::: ')[0]?.trim() ?? '').filter((value) => value !== '');
  if (filled.length === 0) return values.length > 0 ? 0.9 : 1;
  let fit = looksLike(type, filled);
  // A payment time written as a plain date is still a payment time; a count written 3 is a number.
  if (type === 'datetime') fit = Math.max(fit, looksLike('date', filled));
  if (type === 'number') fit = Math.max(fit, looksLike('integer', filled));
  if (fit >= 0.8) return 1;
  if (fit >= 0.5) return 0.8;
  return 0;
}

/**
 * Each field takes at most one column: the most confident column wins, ties go to the leftmost.
 * Only a column's best candidate competes; a column that loses it stays unmapped, because its
 * weaker readings ("Amount" as amount paid once "Total" has the total) are more often wrong than
 * right, and the person sees the unmapped column.
 */
function assign(headers: string[], perColumn: Candidate[][]): ColumnMapping[] {
  const result: ColumnMapping[] = headers.map((column, index) => ({
    column,
    index,
    field: null,
    confidence: 0,
    reason: 'none',
  }));
  const offers = perColumn
    .map((candidates, index) => ({ candidate: candidates[0], index }))
    .filter((offer): offer is { candidate: Candidate; index: number } => offer.candidate !== undefined)
    .sort((a, b) => b.candidate.confidence - a.candidate.confidence || a.index - b.index);
  const taken = new Set<string>();
  for (const { candidate, index } of offers) {
    if (candidate.field !== null && taken.has(candidate.field)) continue;
    if (candidate.field !== null) taken.add(candidate.field);
    result[index] = { ...(result[index] as ColumnMapping), ...candidate };
  }
  return result;
}

/** A preset's mapping keyed by normalised header. */
export function presetLookup(preset: SourcePreset): Map<string, string | null> {
  return new Map(Object.entries(preset.mapping).map(([header, field]) => [normaliseHeader(header), field]));
}

/** The preset's mapping for this file: its fallbacks apply when the file lacks the usual column. */
function presetFor(preset: SourcePreset, headers: string[]): Map<string, string | null> {
  const lookup = presetLookup(preset);
  const present = headers.map(normaliseHeader);
  const covered = new Set(
    present.map((key) => lookup.get(key)).filter((field) => field !== undefined && field !== null),
  );
  for (const [header, field] of Object.entries(preset.fallback ?? {})) {
    if (!covered.has(field)) lookup.set(normaliseHeader(header), field);
  }
  return lookup;
}

function fieldOrder(fields: FieldSpec[], field: string | null): number {
  return fields.findIndex((spec) => spec.name === field);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Planning an import from the first rows of a table: which entity, which source system, which column
 * holds which field (the mapping waterfall), and how dates are written.
 */
import type { TenantContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import type { VectorStore } from '../memory/vector-store.ts';
import {
  detectEntity,
  detectSource,
  entityFields,
  mapColumns,
  normaliseHeader,
  type SourcePreset,
} from './map/index.ts';
import { decideDateOrder, defaultDateOrder, looksLike } from './normalise/index.ts';
import { rememberedMappings } from './remembered.ts';
import type { ColumnSuggester } from './suggest.ts';
import type { ColumnMapping, FieldSpec, ImportEntity, SourceRow } from './types.ts';

export type DateOrder = 'dmy' | 'mdy' | 'ymd';

/** How one date column is written, decided from its own values. */
export interface DateColumn {
  order: DateOrder;
  excelSerials: boolean;
  ambiguous: boolean;
}

export interface ImportPlan {
  entity: ImportEntity;
  preset: SourcePreset | null;
  mapping: ColumnMapping[];
  fields: FieldSpec[];
  /** The order most date columns use (reported to the person). */
  dateOrder: DateOrder;
  dateOrderAmbiguous: boolean;
  /** Per date column (by index). */
  dateColumns: Record<number, DateColumn>;
}

export interface PlanOptions {
  entity?: ImportEntity;
  /** Header → canonical field (or null to leave the column out), as the person corrected it. */
  overrides?: Record<string, string | null>;
  dateOrder?: DateOrder;
}

/** Values of column `index` in the sample rows. */
export function columnValues(rows: readonly SourceRow[], index: number): string[] {
  return rows.map((row) => row.cells[index] ?? '').filter((value) => value.trim() !== '');
}

export async function planImport(
  context: TenantContext,
  store: VectorStore,
  suggester: ColumnSuggester | undefined,
  headers: readonly string[],
  sample: readonly SourceRow[],
  options: PlanOptions = {},
): Promise<ImportPlan> {
  const samples = headers.map((_, index) => columnValues(sample, index).slice(0, 50));
  const detected = detectSource([...headers]);
  const entity = options.entity ?? detected?.preset.entity ?? detectEntity([...headers], samples).entity;
  const preset = detected && detected.preset.entity === entity ? detected.preset : null;
  const remembered = await rememberedMappings(store, context.tenant.id, entity, headers, normaliseHeader);
  let mapping = mapColumns(entity, [...headers], samples, {
    remembered,
    ...(preset ? { preset } : {}),
    looksLike,
  });
  const fields = entityFields[entity];
  if (suggester) mapping = await withSuggestions(suggester, entity, fields, mapping, samples);
  if (options.overrides) mapping = applyOverrides(mapping, resolveFieldWords(entity, options.overrides));
  const dateColumns = mapping.filter((column) => {
    const type = fields.find((field) => field.name === column.field)?.type;
    return type === 'date' || type === 'datetime';
  });
  const fallback: DateOrder = preset?.dateOrder ?? defaultDateOrder(context.tenant.region);
  const decisions: Record<number, DateColumn> = {};
  for (const column of dateColumns) {
    const decided = decideDateOrder(
      columnValues(sample, column.index),
      fallback === 'ymd' ? 'dmy' : fallback,
    );
    decisions[column.index] = {
      order: options.dateOrder ?? decided.order,
      excelSerials: decided.excelSerials,
      ambiguous: options.dateOrder ? false : decided.ambiguous,
    };
  }
  const first = Object.values(decisions)[0];
  return {
    entity,
    preset,
    mapping,
    fields,
    dateOrder: first?.order ?? options.dateOrder ?? fallback,
    dateOrderAmbiguous: Object.values(decisions).some((decision) => decision.ambiguous),
    dateColumns: decisions,
  };
}

/** Asks the model about the columns nothing else matched; a field already taken is not given twice. */
async function withSuggestions(
  suggester: ColumnSuggester,
  entity: ImportEntity,
  fields: FieldSpec[],
  mapping: ColumnMapping[],
  samples: string[][],
): Promise<ColumnMapping[]> {
  const open = mapping.filter((column) => column.field === null && column.reason === 'none');
  if (open.length === 0) return mapping;
  let suggestions: Record<string, string | null>;
  try {
    suggestions = await suggester.suggest(
      entity,
      fields,
      open.map((column) => ({ header: column.column, samples: samples[column.index] ?? [] })),
    );
  } catch {
    // The model is a last resort: without it, those columns simply stay unmapped.
    return mapping;
  }
  const taken = new Set(mapping.map((column) => column.field).filter(Boolean));
  return mapping.map((column) => {
    const field = column.field === null && column.reason === 'none' ? suggestions[column.column] : undefined;
    if (!field || taken.has(field)) return column;
    taken.add(field);
    return { ...column, field, confidence: 0.6, reason: 'model' };
  });
}

/**
 * Corrections name fields the way people do ("phone", "simu", "namba ya simu", "the price"):
 * each is resolved to a canonical field of the entity through the same synonyms as headers.
 */
export function resolveFieldWords(
  entity: ImportEntity,
  overrides: Record<string, string | null>,
): Record<string, string | null> {
  const canonical = new Set(entityFields[entity].map((field) => field.name));
  const resolved: Record<string, string | null> = {};
  for (const [column, word] of Object.entries(overrides)) {
    if (word === null || canonical.has(word)) {
      resolved[column] = word;
      continue;
    }
    const cleaned = word.replace(/\b(the|column|colum|safu|ya|is|ni)\b/gi, ' ').trim();
    const [guess] = mapColumns(entity, [cleaned], [[]]);
    if (!guess?.field)
      throw new AppError(
        'bad_request',
        `"${word}" is not a ${entity} field (use one of ${[...canonical].join(', ')})`,
      );
    resolved[column] = guess.field;
  }
  return resolved;
}

/**
 * Applies a person's corrections: the named column takes the field, and any other column that had
 * that field gives it up (each field takes at most one column).
 */
export function applyOverrides(
  mapping: readonly ColumnMapping[],
  overrides: Record<string, string | null>,
): ColumnMapping[] {
  const wanted = new Map(
    Object.entries(overrides).map(([column, field]) => [normaliseHeader(column), field]),
  );
  const taken = new Set([...wanted.values()].filter((field): field is string => field !== null));
  return mapping.map((column) => {
    const key = normaliseHeader(column.column);
    if (wanted.has(key))
      return { ...column, field: wanted.get(key) ?? null, confidence: 1, reason: 'manual' };
    if (column.field && taken.has(column.field))
      return { ...column, field: null, confidence: 0, reason: 'none' };
    return column;
  });
}

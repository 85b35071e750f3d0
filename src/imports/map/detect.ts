/**
 * Recognising a file before mapping it: which system exported it (from its header row) and, failing
 * that, which kind of records it holds (from how well each entity's fields map).
 */
import { type ImportEntity, importEntities } from '../types.ts';
import { entityFields, fieldLabels, missingRequired } from './fields.ts';
import { mapColumns } from './mapper.ts';
import { normaliseHeader } from './normalise.ts';
import { presets } from './presets/index.ts';
import type { SourcePreset } from './presets/types.ts';
import { synonymIndex } from './synonyms.ts';

/** Share of a preset's signature a header row must show to be taken for that system. */
export const sourceThreshold = 0.8;

// The same share with generic headers weighing half must reach this.
const weightedThreshold = 0.7;

// Headers any spreadsheet might have ("Email", "First Name") weigh half in recognising a system:
// four generic columns must not make a home-made list look like a HubSpot export.
let genericKeys: Set<string> | null = null;

function isGeneric(key: string): boolean {
  if (!genericKeys) {
    genericKeys = new Set<string>();
    for (const entity of importEntities) {
      for (const spec of entityFields[entity]) {
        genericKeys.add(normaliseHeader(spec.name));
        genericKeys.add(normaliseHeader(fieldLabels[spec.name]?.en ?? spec.name));
      }
      for (const key of synonymIndex(entity).byKey.keys()) genericKeys.add(key);
    }
  }
  return genericKeys.has(key);
}

/**
 * The system that wrote this header row, if any: score is the share of the preset's signature
 * headers present (compared normalised). A preset needs a share of at least 0.8, a share of 0.7
 * when generic headers count half, at least one header of its own and four matches in all; among
 * those the highest share wins, then the one matching more headers (a business M-PESA statement
 * also contains every column of a personal one).
 */
export function detectSource(headers: string[]): { preset: SourcePreset; score: number } | null {
  const present = new Set(headers.map(normaliseHeader).filter((key) => key !== ''));
  let best: { preset: SourcePreset; score: number; matched: number } | null = null;
  for (const preset of presets) {
    const signature = [...new Set((preset.signature ?? preset.headers).map(normaliseHeader))];
    let matched = 0;
    let weight = 0;
    let matchedWeight = 0;
    let distinctive = 0;
    for (const key of signature) {
      const keyWeight = isGeneric(key) ? 0.5 : 1;
      weight += keyWeight;
      if (!present.has(key)) continue;
      matched++;
      matchedWeight += keyWeight;
      if (keyWeight === 1) distinctive++;
    }
    const score = matched / signature.length;
    const hasOwn = distinctive > 0 || signature.every(isGeneric);
    if (score < sourceThreshold || matchedWeight / weight < weightedThreshold || !hasOwn || matched < 4)
      continue;
    if (!best || score > best.score || (score === best.score && matched > best.matched)) {
      best = { preset, score, matched };
    }
  }
  return best ? { preset: best.preset, score: Math.round(best.score * 1000) / 1000 } : null;
}

// Fields that say more about the kind of record than about anything else.
const telling: Record<ImportEntity, string[]> = {
  customers: ['street', 'city', 'region', 'postal_code', 'country', 'tags'],
  products: ['sku', 'price', 'cost', 'stock_qty', 'reorder_level', 'barcode', 'unit', 'category'],
  invoices: ['number', 'due_date', 'total', 'amount_paid', 'balance'],
  payments: ['reference', 'paid_at', 'method', 'payer_name', 'invoice_number'],
  inventory: ['location', 'qty'],
  expenses: ['vendor', 'category'],
  leads: ['source', 'campaign', 'score', 'status'],
};

/**
 * The entity a table most likely holds. A recognised export decides it outright; otherwise each
 * entity is mapped and scored by the confidence of its mapped columns (telling fields count
 * double) plus a bonus when its required fields are all found. Confidence reflects the lead over
 * the runner-up, and stays low when no entity has its required fields. Ties go to the earlier
 * entity in importEntities.
 */
export function detectEntity(
  headers: string[],
  samples: string[][] = [],
): { entity: ImportEntity; confidence: number } {
  const source = detectSource(headers);
  if (source) return { entity: source.preset.entity, confidence: Math.max(0.9, source.score) };

  const scored = importEntities.map((entity) => {
    const mapping = mapColumns(entity, headers, samples);
    const mapped = mapping.filter((column) => column.field !== null);
    const complete =
      missingRequired(
        entity,
        mapped.map((column) => column.field),
      ).length === 0;
    const strength = mapped.reduce(
      (sum, column) => sum + column.confidence * (telling[entity].includes(column.field ?? '') ? 2 : 1),
      0,
    );
    return { entity, complete, score: strength + (complete ? 2 : 0) };
  });
  const ranked = [...scored].sort((a, b) => b.score - a.score);
  const [first, second] = ranked;
  if (!first || first.score === 0) return { entity: 'customers', confidence: 0 };
  const lead = (first.score - (second?.score ?? 0)) / first.score;
  const confidence = first.complete ? 0.5 + 0.5 * lead : 0.3 * lead;
  return { entity: first.entity, confidence: Math.round(confidence * 1000) / 1000 };
}

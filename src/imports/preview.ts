/**
 * The preview (dry run): reads the whole source once, plans the mapping, normalises every row and
 * counts what a commit would do, without changing any record. Saves the plan as an import record
 * that the commit then follows.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { imports } from '../../db/schema/index.ts';
import type { Deps, TenantContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { createVectorStore } from '../memory/vector-store.ts';
import { nameKey } from '../records/duplicates.ts';
import { writers } from './entities/index.ts';
import { type PlanOptions, planImport } from './plan.ts';
import { type ProcessedRow, processRows, type RowIssue } from './process.ts';
import type { ImportSource } from './source.ts';
import type { ColumnMapping, ImportEntity, ReadOptions, SourceRow } from './types.ts';

/** Rows read before planning: enough to judge columns and date formats. */
const sampleRows = 200;
/** Issues listed in full; the rest are counted. */
const listedIssues = 100;

export interface ImportPreview {
  importId: string;
  entity: ImportEntity;
  source: {
    name: string;
    system: string | null;
    format: string;
    encoding?: string;
    sheet?: string;
    headerRow: number;
  };
  rows: number;
  mapping: ColumnMapping[];
  dateOrder: { order: string; ambiguous: boolean };
  issues: RowIssue[];
  issueCount: number;
  duplicates: {
    inFile: number;
    existing: number;
    /** Matches of existing records that will be created as new and listed for review (rule "ask me first"). */
    toReview: number;
    examples: { line: number; duplicateOfLine?: number; existingId?: string }[];
  };
  willCreate: number;
  willUpdate: number;
  willSkip: number;
  skipped: { line: number; reason: string }[];
  sample: Record<string, unknown>[];
  /** New customers whose name matches another's in any order and case: for review, never merged here. */
  possibleDuplicates: {
    line: number;
    name: string;
    similarTo: { line?: number; id?: string; name: string };
  }[];
}

async function* withSample(
  first: readonly SourceRow[],
  rest: AsyncIterator<SourceRow>,
): AsyncGenerator<SourceRow> {
  yield* first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

export async function previewImport(
  deps: Deps,
  context: TenantContext,
  source: ImportSource,
  options: PlanOptions & { read?: ReadOptions; uploadId?: string } = {},
): Promise<ImportPreview> {
  const table = await source.open(options.read);
  const iterator = table.rows[Symbol.asyncIterator]();
  const sample: SourceRow[] = [];
  while (sample.length < sampleRows) {
    const next = await iterator.next();
    if (next.done) break;
    sample.push(next.value);
  }
  if (table.headers.length === 0) throw new AppError('unprocessable', 'No header row was found in this file');
  const plan = await planImport(
    context,
    createVectorStore(deps.db),
    deps.columnSuggester,
    table.headers,
    sample,
    options,
  );
  if (!plan.mapping.some((column) => column.field !== null)) {
    throw new AppError(
      'unprocessable',
      `None of the columns (${table.headers.slice(0, 8).join(', ')}) could be matched to ${plan.entity} fields`,
    );
  }
  const writer = writers[plan.entity];
  const preview = emptyCounts();
  const similar = plan.entity === 'customers' ? await similarNameFinder(deps.db, context.tenant.id) : null;
  for await (const batch of processRows(deps.db, context, writer, plan, withSample(sample, iterator))) {
    countBatch(preview, batch);
    if (similar) for (const row of batch) similar.check(row);
  }
  const importId = await saveImport(deps.db, context, {
    entity: plan.entity,
    sourceName: source.name,
    sourceSystem: plan.preset?.system ?? null,
    uploadId: options.uploadId,
    mapping: plan.mapping,
    options: { dateOrder: plan.dateOrder, dateColumns: plan.dateColumns, read: options.read ?? {} },
    report: { preview: { ...preview, issues: preview.issues.slice(0, listedIssues) } },
  });
  return {
    importId,
    entity: plan.entity,
    source: {
      name: source.name,
      system: plan.preset?.system ?? null,
      format: table.format,
      ...(table.encoding ? { encoding: table.encoding } : {}),
      ...(table.sheet ? { sheet: table.sheet } : {}),
      headerRow: table.headerRow,
    },
    rows: preview.rows,
    mapping: plan.mapping,
    dateOrder: { order: plan.dateOrder, ambiguous: plan.dateOrderAmbiguous },
    issues: preview.issues.slice(0, listedIssues),
    issueCount: preview.issueCount,
    duplicates: preview.duplicates,
    willCreate: preview.willCreate,
    willUpdate: preview.willUpdate,
    willSkip: preview.willSkip,
    skipped: [...table.skipped, ...preview.skipped].slice(0, listedIssues),
    sample: preview.sample,
    possibleDuplicates: similar?.found ?? [],
  };
}

type Counts = Pick<
  ImportPreview,
  | 'rows'
  | 'issues'
  | 'issueCount'
  | 'duplicates'
  | 'willCreate'
  | 'willUpdate'
  | 'willSkip'
  | 'skipped'
  | 'sample'
>;

function emptyCounts(): Counts {
  return {
    rows: 0,
    issues: [],
    issueCount: 0,
    duplicates: { inFile: 0, existing: 0, toReview: 0, examples: [] },
    willCreate: 0,
    willUpdate: 0,
    willSkip: 0,
    skipped: [],
    sample: [],
  };
}

function countBatch(counts: Counts, batch: readonly ProcessedRow[]): void {
  for (const row of batch) {
    counts.rows++;
    counts.issueCount += row.issues.length;
    if (counts.issues.length < listedIssues)
      counts.issues.push(...row.issues.slice(0, listedIssues - counts.issues.length));
    if (row.skipReason) {
      counts.willSkip++;
      if (counts.skipped.length < listedIssues)
        counts.skipped.push({ line: row.line, reason: row.skipReason });
      continue;
    }
    if (!row.record) {
      counts.willSkip++;
      continue;
    }
    if (row.duplicateOfLine !== undefined) {
      counts.duplicates.inFile++;
      counts.willSkip++;
    } else if (row.existingId) {
      counts.duplicates.existing++;
      counts.willUpdate++;
    } else if (row.reviewOf) {
      counts.duplicates.existing++;
      counts.duplicates.toReview++;
      counts.willCreate++;
    } else {
      counts.willCreate++;
      if (counts.sample.length < 5) counts.sample.push(row.record);
    }
    const existingId = row.existingId ?? row.reviewOf?.id;
    if ((row.duplicateOfLine !== undefined || existingId) && counts.duplicates.examples.length < 20) {
      counts.duplicates.examples.push({
        line: row.line,
        ...(row.duplicateOfLine !== undefined ? { duplicateOfLine: row.duplicateOfLine } : {}),
        ...(existingId ? { existingId } : {}),
      });
    }
  }
}

async function saveImport(
  db: Database,
  context: TenantContext,
  values: Omit<typeof imports.$inferInsert, 'tenantId' | 'memberId'>,
): Promise<string> {
  const [row] = await db.orm
    .insert(imports)
    .values({ ...values, tenantId: context.tenant.id, memberId: context.member.id })
    .returning({ id: imports.id });
  if (!row) throw new AppError('internal', 'The import was not saved');
  return row.id;
}

/**
 * Near matches by name ("JOYCE MUSHI" and "Mushi Joyce"), against existing customers and earlier
 * rows of the file, for the rows that would create a customer. Listed for the owner to review.
 */
async function similarNameFinder(db: Database, tenantId: string) {
  const existing = new Map<string, { id: string; name: string }>();
  const rows = await db.rows<{ id: string; full_name: string }>(
    sql`select id, full_name from customers where tenant_id = ${tenantId} and merged_into is null`,
  );
  for (const row of rows) {
    const key = nameKey(row.full_name);
    if (key.includes(' ')) existing.set(key, { id: row.id, name: row.full_name });
  }
  const inFile = new Map<string, { line: number; name: string }>();
  const found: ImportPreview['possibleDuplicates'] = [];
  return {
    found,
    check(row: ProcessedRow) {
      if (!row.record || row.existingId || row.duplicateOfLine !== undefined || row.skipReason) return;
      const name = String(
        row.record.full_name ?? [row.record.first_name, row.record.last_name].filter(Boolean).join(' '),
      );
      const key = nameKey(name);
      if (!key.includes(' ')) return;
      const match = existing.get(key) ?? inFile.get(key);
      if (match && found.length < listedIssues) found.push({ line: row.line, name, similarTo: match });
      if (!inFile.has(key)) inFile.set(key, { line: row.line, name });
    },
  };
}

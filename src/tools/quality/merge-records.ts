import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { customers, mergeHistory, products } from '../../../db/schema/index.ts';
import { AppError } from '../../core/errors.ts';
import { mergeRecords, undoMerge } from '../../records/merge.ts';
import { defineTool } from '../define.ts';

export const mergeRecordsTool = defineTool({
  name: 'merge_records',
  title: 'Merge duplicates',
  description:
    'Merges duplicate customers or products into the one to keep: its invoices, payments and stock move over, empty fields are filled, and the merged records are hidden but kept. Reversible: pass undo_merge_id (from an earlier result) to undo. A write: returns a pending action the owner confirms.',
  scope: 'write',
  confirm: true,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input: z
    .object({
      entity: z.enum(['customers', 'products']).default('customers'),
      keep_id: z.uuid().optional().describe('The record to keep'),
      merge_ids: z.array(z.uuid()).min(1).max(20).optional().describe('Records merged into it'),
      undo_merge_id: z.uuid().optional(),
    })
    .refine(
      (value) => (value.keep_id && value.merge_ids) || value.undo_merge_id,
      'give keep_id and merge_ids, or undo_merge_id',
    ),
  async preview({ deps, context }, input) {
    if (input.undo_merge_id) {
      const [history] = await deps.db.orm
        .select()
        .from(mergeHistory)
        .where(and(eq(mergeHistory.id, input.undo_merge_id), eq(mergeHistory.tenantId, context.tenant.id)));
      if (!history) throw new AppError('not_found', 'No merge with that id in this business');
      const name =
        (history.loserSnapshot as { fullName?: string; name?: string }).fullName ??
        (history.loserSnapshot as { name?: string }).name;
      return {
        summary: `Undo the merge of ${name ?? 'a record'}: it comes back with its invoices and payments.`,
        details: { undo_merge_id: history.id },
      };
    }
    const table = input.entity === 'customers' ? customers : products;
    const ids = [input.keep_id as string, ...(input.merge_ids ?? [])];
    const rows = (await deps.db.orm
      .select()
      .from(table)
      .where(and(eq(table.tenantId, context.tenant.id), inArray(table.id, ids)))) as {
      id: string;
      fullName?: string;
      name?: string;
    }[];
    const nameOf = (id: string) => {
      const row = rows.find((entry) => entry.id === id);
      if (!row)
        throw new AppError(
          'not_found',
          `No ${input.entity === 'customers' ? 'customer' : 'product'} with id ${id} in this business`,
        );
      return row.fullName ?? row.name ?? id;
    };
    const kept = nameOf(input.keep_id as string);
    const merged = (input.merge_ids ?? []).map(nameOf);
    return {
      summary: `Merge ${merged.join(', ')} into ${kept}; their invoices and payments move to ${kept}. Can be undone.`,
      details: { keep: kept, merge: merged },
    };
  },
  async run({ deps, context }, input): Promise<{ data: Record<string, unknown>; text: string }> {
    if (input.undo_merge_id) {
      const result = await undoMerge(deps, context, input.undo_merge_id);
      return {
        data: result,
        text: `Merge undone: the record is back with ${result.moved} invoices, payments and other links.`,
      };
    }
    const result = await mergeRecords(
      deps,
      context,
      input.entity,
      input.keep_id as string,
      input.merge_ids ?? [],
    );
    return {
      data: { merge_ids: result.mergeIds, moved: result.moved },
      text: `Merged. ${result.moved} invoices, payments and other links moved. To undo: merge_records with undo_merge_id ${result.mergeIds[0]}.`,
    };
  },
});

/**
 * The owner's answers to what the engine could not decide alone: a value changed on both sides
 * (take theirs or keep ours), or a new record that looks like an existing one (merge or keep both).
 */
import { and, eq } from 'drizzle-orm';
import { customers, products, syncReviews } from '../../db/schema/index.ts';
import type { Deps, TenantContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { emitEvent } from '../events/outbox.ts';
import { mergeRecords } from '../records/merge.ts';

export type ReviewRow = typeof syncReviews.$inferSelect;
export type ReviewAnswer = 'take_theirs' | 'keep_ours' | 'merge' | 'keep_separate';

const tables = { customer: customers, product: products } as const;

async function close(deps: Deps, context: TenantContext, review: ReviewRow, resolution: ReviewAnswer) {
  const closed = await deps.db.orm
    .update(syncReviews)
    .set({ status: 'resolved', resolution, resolvedAt: deps.clock.now() })
    .where(
      and(
        eq(syncReviews.id, review.id),
        eq(syncReviews.tenantId, context.tenant.id),
        eq(syncReviews.status, 'open'),
      ),
    )
    .returning({ id: syncReviews.id });
  if (closed.length === 0) throw new AppError('conflict', 'That review was already answered');
}

export async function resolveReview(
  deps: Deps,
  context: TenantContext,
  review: ReviewRow,
  answer: ReviewAnswer,
): Promise<string> {
  if (review.status !== 'open') throw new AppError('conflict', 'That review was already answered');
  const table = tables[review.entity as keyof typeof tables];
  if (!table || !review.recordId)
    throw new AppError('bad_request', `Reviews of ${review.entity} records cannot be answered here`);
  if (answer === 'merge') {
    if (!review.otherRecordId) throw new AppError('bad_request', 'This review has no record to merge with');
    await mergeRecords(
      deps,
      context,
      review.entity === 'customer' ? 'customers' : 'products',
      review.otherRecordId,
      [review.recordId],
    );
    await close(deps, context, review, answer);
    return `Merged the new ${review.entity} into the one you already had.`;
  }
  if (answer === 'take_theirs') {
    const values = Object.fromEntries(
      Object.entries(review.data as Record<string, { theirs: unknown }>).map(([field, pair]) => [
        field,
        pair.theirs,
      ]),
    );
    await deps.db.orm.transaction(async (tx) => {
      await tx
        .update(table)
        .set({ ...values, updatedAt: deps.clock.now() })
        .where(and(eq(table.id, review.recordId as string), eq(table.tenantId, context.tenant.id)));
      if (review.entity === 'customer')
        await emitEvent(tx, context.tenant.id, 'customer.updated', {
          customer_id: review.recordId,
          fields: Object.keys(values),
        });
    });
    await close(deps, context, review, answer);
    return `Updated ${Object.keys(values).join(', ')} with the other system's values.`;
  }
  await close(deps, context, review, answer);
  return answer === 'keep_ours' ? 'Kept your values.' : 'Kept both records as they are.';
}

export async function openReviews(deps: Deps, tenantId: string, limit = 20): Promise<ReviewRow[]> {
  return deps.db.orm
    .select()
    .from(syncReviews)
    .where(and(eq(syncReviews.tenantId, tenantId), eq(syncReviews.status, 'open')))
    .orderBy(syncReviews.createdAt)
    .limit(limit);
}

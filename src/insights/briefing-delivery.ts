/**
 * Storing and delivering daily briefings: exactly one per member per local day, delivered at most
 * once, and never lost to a crash.
 *
 * 1. Store. The briefing is computed and inserted with `ON CONFLICT (member_id, day) DO NOTHING
 *    RETURNING`. Of two workers racing, the second's insert waits for the first to commit and then
 *    returns nothing; it reads the stored row and goes on with that one, so both hold the same
 *    content. A briefing with nothing to say is stored as `skipped` and is never delivered.
 * 2. Deliver. One transaction claims the row with a conditional update (`status = 'computed'` →
 *    `'sent'`) and writes the chat message. The update takes the row's lock: a second worker's
 *    update waits, then finds `sent` and does nothing. A crash (or a failed delivery) before the
 *    commit rolls back both the claim and the message, so the row is still `computed` and the next
 *    attempt (the job's retry, the next worker, or the tool) sends it; after the commit both are
 *    there. The message is never written twice and a stored briefing is never left unsent.
 *
 * This is exact because the web chat's delivery is a row in the same database. A channel that sends
 * through a vendor API (WhatsApp, Telegram) cannot join the transaction; it will go through the
 * outbound messages table (`outbound_messages`, unique dedupe key `briefing:<member>:<day>`),
 * written in this same transaction, so the vendor call happens after the commit and at most once.
 */
import { and, eq } from 'drizzle-orm';
import type { Database, Orm } from '../../db/database.ts';
import { briefings } from '../../db/schema/index.ts';
import type { ReplyPart } from '../agent/reply-parts.ts';
import type { Deps, TenantContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { conversationNotifier, type SyncNotice } from '../sync/notify.ts';
import { memberContext } from '../tenancy/tenants.ts';
import { type BriefingContent, computeBriefing } from './briefing-compute.ts';

export type BriefingStatus = 'computed' | 'sent' | 'skipped';

export interface StoredBriefing {
  id: string;
  tenantId: string;
  memberId: string;
  day: string;
  language: string;
  status: BriefingStatus;
  text: string;
  parts: ReplyPart[];
  content: StoredContent;
  createdAt: string;
  sentAt: string | null;
}

/** What the `content` column holds: the parts, the skip reason and the facts behind the text. */
export type StoredContent = Omit<BriefingContent, 'text' | 'day' | 'language'>;

/** Delivers a briefing to a member's chat; receives dependencies bound to the claiming transaction. */
export type BriefingDeliverer = (deps: Deps, notice: SyncNotice) => Promise<void>;

export const chatDeliverer: BriefingDeliverer = (deps, notice) => conversationNotifier(deps)(notice);

function toStored(row: typeof briefings.$inferSelect): StoredBriefing {
  const content = row.content as StoredContent;
  return {
    id: row.id,
    tenantId: row.tenantId,
    memberId: row.memberId,
    day: row.day,
    language: row.language,
    status: row.status as BriefingStatus,
    text: row.text,
    parts: content.parts ?? [],
    content,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt ? row.sentAt.toISOString() : null,
  };
}

export function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** The stored briefing of the member in `context` for `day`, if any. */
export async function readBriefing(
  deps: Deps,
  context: TenantContext,
  day: string,
): Promise<StoredBriefing | null> {
  const [row] = await deps.db.orm
    .select()
    .from(briefings)
    .where(
      and(
        eq(briefings.tenantId, context.tenant.id),
        eq(briefings.memberId, context.member.id),
        eq(briefings.day, day),
      ),
    );
  return row ? toStored(row) : null;
}

/**
 * The member's briefing for `day`: the stored one, or computed and stored now (exactly one row per
 * member and day, whoever computes it). Does not deliver it.
 */
export async function storeBriefing(
  deps: Deps,
  context: TenantContext,
  day: string,
): Promise<{ briefing: StoredBriefing; created: boolean }> {
  if (!isDay(day)) throw new AppError('bad_request', `"${day}" is not a day (YYYY-MM-DD)`);
  const existing = await readBriefing(deps, context, day);
  if (existing) return { briefing: existing, created: false };
  const computed = await computeBriefing(deps, context, { day });
  const { text, day: _day, language, ...content } = computed;
  const [inserted] = await deps.db.orm
    .insert(briefings)
    .values({
      tenantId: context.tenant.id,
      memberId: context.member.id,
      day,
      language,
      status: computed.status === 'skip' ? 'skipped' : 'computed',
      text,
      content,
      createdAt: deps.clock.now(),
    })
    .onConflictDoNothing({ target: [briefings.memberId, briefings.day] })
    .returning();
  if (inserted) return { briefing: toStored(inserted), created: true };
  // Another worker stored it between our read and our insert: theirs is the briefing.
  const theirs = await readBriefing(deps, context, day);
  if (!theirs) throw new AppError('conflict', 'The briefing was stored for another business');
  return { briefing: theirs, created: false };
}

/** The same database handle, with every statement running inside the transaction `tx`. */
function inTransaction(db: Database, tx: Orm): Database {
  return { ...db, orm: tx, rows: (query, executor) => db.rows(query, executor ?? tx) };
}

/**
 * Sends a stored `computed` briefing to the member's chat and marks it `sent`, in one transaction
 * (see the file's comment). True when this call delivered it; false when it was already sent,
 * skipped, or another worker is delivering it.
 */
export async function deliverBriefing(
  deps: Deps,
  briefing: StoredBriefing,
  deliver: BriefingDeliverer = chatDeliverer,
): Promise<boolean> {
  if (briefing.status !== 'computed') return false;
  return deps.db.orm.transaction(async (tx) => {
    const claimed = await tx
      .update(briefings)
      .set({ status: 'sent', sentAt: deps.clock.now() })
      .where(
        and(
          eq(briefings.id, briefing.id),
          eq(briefings.tenantId, briefing.tenantId),
          eq(briefings.status, 'computed'),
        ),
      )
      .returning({ id: briefings.id });
    if (claimed.length === 0) return false;
    await deliver(
      { ...deps, db: inTransaction(deps.db, tx as unknown as Orm) },
      {
        tenantId: briefing.tenantId,
        memberId: briefing.memberId,
        // The web chat for now; the schedule's channel is kept for when channels take briefings.
        channel: 'web',
        text: briefing.text,
        parts: briefing.parts,
      },
    );
    return true;
  });
}

/**
 * Makes sure the member's briefing for `day` exists and has been delivered once: computes and
 * stores it if needed, then sends it unless it was skipped or already sent. Safe to run from any
 * number of workers at once and again after a crash. Throws when the member is not in the business,
 * so a briefing never reaches a non-member.
 */
export async function ensureBriefing(
  deps: Deps,
  tenantId: string,
  memberId: string,
  day: string,
  options: { deliver?: BriefingDeliverer } = {},
): Promise<{ briefing: StoredBriefing; delivered: boolean }> {
  const context = await memberContext(deps.db, tenantId, memberId, 'web');
  const { briefing } = await storeBriefing(deps, context, day);
  const delivered = await deliverBriefing(deps, briefing, options.deliver);
  const latest =
    delivered || briefing.status === 'computed' ? await readBriefing(deps, context, day) : briefing;
  return { briefing: latest ?? briefing, delivered };
}

/**
 * What a member's daily briefing says, or why there is none. Deterministic for a business, a member
 * and a local day: the facts come from `briefingFacts` (windows are whole local days, see there) and
 * the words from `briefingWords`; nothing depends on the hour it runs or on a model.
 *
 * Worth saying (any one is enough; otherwise the briefing is skipped):
 * - sales yesterday moved more than `salesChangeThreshold` (20%) from the average of the same weekday
 *   in the 4 weeks before, in any currency (or there were sales where those weeks had none);
 * - an open invoice fell overdue (its due date, or issue date when it has none, was yesterday);
 * - stock is running out (`stock_risk` flags a product);
 * - a sync failed yesterday.
 * Money received and the overdue total are context: said when the briefing goes out, never a reason
 * on their own (a shop that is paid every day would otherwise never get a quiet morning).
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { briefingSchedules, conversations, members, messages } from '../../db/schema/index.ts';
import { detectLanguage } from '../agent/offline/intents.ts';
import { englishWords, swahiliWords } from '../agent/offline/vocabulary.ts';
import type { ReplyPart } from '../agent/reply-parts.ts';
import type { Deps, TenantContext } from '../core/context.ts';
import { type BriefingFacts, briefingFacts } from './briefing-facts.ts';
import { type BriefingLanguage, briefingWords, skipText } from './briefing-text.ts';

/** Sales must differ from a usual day by more than this share to be news. */
export const salesChangeThreshold = 0.2;

export type SkipReason = 'nothing_new';

export type BriefingContent =
  | {
      status: 'ready';
      day: string;
      language: BriefingLanguage;
      text: string;
      parts: ReplyPart[];
      facts: BriefingFacts;
    }
  | {
      status: 'skip';
      day: string;
      language: BriefingLanguage;
      reason: SkipReason;
      /** Why, in the member's language (stored as the briefing's text, never sent). */
      text: string;
      parts: ReplyPart[];
      facts: BriefingFacts;
    };

function asLanguage(value: string | null | undefined): BriefingLanguage | null {
  return value === 'en' || value === 'sw' ? value : null;
}

/**
 * The member's briefing language: their briefing schedule's, else the member's own, else the
 * language of what they last wrote in chat (when it has words we know), else the business's.
 */
export async function briefingLanguage(deps: Deps, context: TenantContext): Promise<BriefingLanguage> {
  const [row] = await deps.db.orm
    .select({ schedule: briefingSchedules.language, member: members.language })
    .from(members)
    .leftJoin(briefingSchedules, eq(briefingSchedules.memberId, members.id))
    .where(and(eq(members.id, context.member.id), eq(members.tenantId, context.tenant.id)));
  const chosen = asLanguage(row?.schedule) ?? asLanguage(row?.member);
  if (chosen) return chosen;
  const recent = await deps.db.orm
    .select({ text: sql<string>`${messages.content}->>'text'` })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(
      and(
        eq(messages.tenantId, context.tenant.id),
        eq(conversations.memberId, context.member.id),
        eq(messages.role, 'user'),
      ),
    )
    .orderBy(desc(messages.createdAt))
    .limit(5);
  const written = recent
    .map((message) => message.text ?? '')
    .join(' ')
    .toLowerCase();
  const known = (written.match(/[\p{L}']+/gu) ?? []).some(
    (word) => swahiliWords.has(word) || englishWords.has(word),
  );
  if (known) return detectLanguage(written);
  return asLanguage(context.tenant.language) ?? 'en';
}

/** Whether yesterday's sales moved enough to be news (and to draw the revenue chart). */
export function salesMoved(facts: BriefingFacts): boolean {
  return facts.sales.some(
    (fact) =>
      fact.baseline !== null &&
      (fact.baseline === 0 ? fact.yesterday > 0 : Math.abs(fact.change ?? 0) > salesChangeThreshold),
  );
}

/**
 * The briefing for the member in `context` on local day `day` (YYYY-MM-DD): about yesterday, in the
 * member's language; `status: 'skip'` with the reason when nothing is worth saying.
 */
export async function computeBriefing(
  deps: Deps,
  context: TenantContext,
  options: { day: string },
): Promise<BriefingContent> {
  const [language, facts] = await Promise.all([
    briefingLanguage(deps, context),
    briefingFacts(deps, context, options.day),
  ]);
  const moved = salesMoved(facts);
  const worthSaying =
    moved || facts.newlyOverdue.count > 0 || facts.stock.count > 0 || facts.syncFailures.length > 0;
  if (!worthSaying)
    return {
      status: 'skip',
      day: options.day,
      language,
      reason: 'nothing_new',
      text: skipText(facts, language, Math.round(salesChangeThreshold * 100)),
      parts: [],
      facts,
    };
  const words = briefingWords(facts, {
    language,
    memberName: context.member.name,
    salesMoved: moved,
    threshold: salesChangeThreshold,
  });
  return { status: 'ready', day: options.day, language, text: words.text, parts: words.parts, facts };
}

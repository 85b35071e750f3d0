import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { addDays, dateInZone, daysBetween } from '../../core/time.ts';
import { storeBriefing } from '../../insights/briefing-delivery.ts';
import { defineTool } from '../define.ts';

/** How far back a briefing can be asked for (it is computed from today's stock and balances). */
const oldestDays = 366;

export const dailyBriefingTool = defineTool({
  name: 'daily_briefing',
  title: 'Daily briefing',
  description:
    'The calling member’s daily briefing for today (or `day`): what changed yesterday and matters — sales against a usual day of that weekday, money received, invoices that fell overdue and the overdue total, stock running out, failed syncs — in their language, with a chart when sales moved. Use for "brief me", "daily briefing", "muhtasari wa leo", "what\'s new today?". The briefing is computed once per member and day and stored, so asking again returns the same one; when nothing was worth saying it says so and why. Does not send anything.',
  scope: 'read',
  confirm: false,
  annotations: { readOnlyHint: true, idempotentHint: true },
  input: z.object({
    day: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
      .optional()
      .describe('The day of the briefing (it covers the day before), YYYY-MM-DD; default today'),
  }),
  async run({ deps, context }, input) {
    const today = dateInZone(deps.clock.now(), context.tenant.timezone);
    const day = input.day ?? today;
    if (Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || addDays(day, 0) !== day)
      throw new AppError('bad_request', `${day} is not a calendar day`);
    if (day > today)
      throw new AppError('bad_request', `${day} has not started yet: there is no briefing for it`);
    if (daysBetween(day, today) > oldestDays)
      throw new AppError('bad_request', `Briefings go back at most ${oldestDays} days`);
    const { briefing } = await storeBriefing(deps, context, day);
    const skipped = briefing.status === 'skipped';
    const data = {
      day: briefing.day,
      status: briefing.status,
      language: briefing.language,
      sent_at: briefing.sentAt,
      ...(skipped && 'reason' in briefing.content ? { reason: briefing.content.reason } : {}),
      text: briefing.text,
      facts: briefing.content.facts,
    };
    return {
      data,
      text: briefing.text,
      summary: briefing.text.split('\n')[0] ?? briefing.text,
      parts: briefing.parts,
    };
  },
});

/**
 * Daily briefings: what changed yesterday and matters, per member, in their language, once a day.
 *
 * - `computeBriefing` (briefing-compute.ts): the content for a member and a local day, or a skip
 *   with its reason; the facts in briefing-facts.ts, the words in briefing-text.ts.
 * - `storeBriefing`, `ensureBriefing` (briefing-delivery.ts): exactly one stored briefing per member
 *   and day, delivered to the member's chat once.
 * - `registerBriefingJobs`, `scheduleBriefings` (briefing-jobs.ts): the per-member cron schedules.
 * See docs/insights.md, "Briefings".
 */
export {
  type BriefingContent,
  briefingLanguage,
  computeBriefing,
  type SkipReason,
  salesChangeThreshold,
  salesMoved,
} from './briefing-compute.ts';
export {
  type BriefingDeliverer,
  type BriefingStatus,
  chatDeliverer,
  deliverBriefing,
  ensureBriefing,
  readBriefing,
  type StoredBriefing,
  storeBriefing,
} from './briefing-delivery.ts';
export { type BriefingFacts, comparisonWeeks, trendDays } from './briefing-facts.ts';
export {
  type BriefingPlan,
  briefingCron,
  briefingJobName,
  briefingPlans,
  defaultBriefingTime,
  registerBriefingJobs,
  runBriefingJob,
  scheduleBriefings,
} from './briefing-jobs.ts';
export type { BriefingLanguage } from './briefing-text.ts';

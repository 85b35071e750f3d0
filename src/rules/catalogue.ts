/**
 * The business's rules: sync, dedup and reminder rules as toggles, each with a stable key, plain-words
 * wording in English and Swahili, and the default that applies until the owner sets it. The sync
 * engine and the import center read them through `loadRules`; a rule with settings (the reminder
 * rule's days and business hours) declares them as a zod schema here and is read with
 * `loadRuleParams`.
 */
import { z } from 'zod';

export type RuleKind = 'sync' | 'dedup' | 'reminder';

export interface RuleSpec {
  key: RuleKey;
  kind: RuleKind;
  /** How the owner would say it. */
  label: string;
  labelSw: string;
  enabledByDefault: boolean;
  /** Words that point at this rule in a request like "don't overwrite phone numbers". */
  words: readonly string[];
}

export const ruleKeys = [
  'keep_existing_phones',
  'invoice_from_pos_sale',
  'update_inventory_after_sale',
  'merge_customers_by_phone',
  'merge_customers_by_email',
  'merge_products_by_sku',
  'ask_before_merge',
  'whatsapp_reminders_unpaid',
] as const;

export type RuleKey = (typeof ruleKeys)[number];

export const ruleSpecs: Record<RuleKey, RuleSpec> = {
  keep_existing_phones: {
    key: 'keep_existing_phones',
    kind: 'sync',
    label: "Don't overwrite phone numbers we already have",
    labelSw: 'Usibadilishe namba za simu tulizonazo',
    enabledByDefault: false,
    words: ['phone', 'simu', 'overwrite', 'badilisha'],
  },
  invoice_from_pos_sale: {
    key: 'invoice_from_pos_sale',
    kind: 'sync',
    label: 'Create an invoice when a POS sale completes',
    labelSw: 'Tengeneza ankara mauzo ya POS yakikamilika',
    enabledByDefault: false,
    words: ['invoice', 'ankara', 'pos', 'sale'],
  },
  update_inventory_after_sale: {
    key: 'update_inventory_after_sale',
    kind: 'sync',
    label: 'Update inventory after each sale',
    labelSw: 'Punguza stoo baada ya kila mauzo',
    enabledByDefault: false,
    words: ['inventory', 'stock', 'stoo', 'hisa'],
  },
  merge_customers_by_phone: {
    key: 'merge_customers_by_phone',
    kind: 'dedup',
    label: 'Treat customers with the same phone number as one',
    labelSw: 'Wateja wenye namba moja ya simu ni mteja mmoja',
    enabledByDefault: true,
    words: ['same phone', 'phone', 'simu'],
  },
  merge_customers_by_email: {
    key: 'merge_customers_by_email',
    kind: 'dedup',
    label: 'Treat customers with the same email as one',
    labelSw: 'Wateja wenye barua pepe moja ni mteja mmoja',
    enabledByDefault: true,
    words: ['same email', 'email', 'barua pepe'],
  },
  merge_products_by_sku: {
    key: 'merge_products_by_sku',
    kind: 'dedup',
    label: 'Treat products with the same SKU as one',
    labelSw: 'Bidhaa zenye SKU moja ni bidhaa moja',
    enabledByDefault: true,
    words: ['sku', 'product', 'bidhaa'],
  },
  ask_before_merge: {
    key: 'ask_before_merge',
    kind: 'dedup',
    label: 'Ask me before merging records',
    labelSw: 'Niulize kabla ya kuunganisha rekodi',
    enabledByDefault: false,
    words: ['ask', 'niulize', 'before merging', 'kabla'],
  },
  whatsapp_reminders_unpaid: {
    key: 'whatsapp_reminders_unpaid',
    kind: 'reminder',
    label: 'Send WhatsApp reminders for unpaid invoices',
    labelSw: 'Tuma vikumbusho vya WhatsApp kwa ankara ambazo hazijalipwa',
    // Messages to the business's customers go out only when the owner has said so.
    enabledByDefault: false,
    words: ['reminder', 'remind', 'kikumbusho', 'vikumbusho', 'kumbusha', 'unpaid'],
  },
};

export type Rules = Record<RuleKey, boolean>;

export const defaultRules: Rules = Object.fromEntries(
  ruleKeys.map((key) => [key, ruleSpecs[key].enabledByDefault]),
) as Rules;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 08:00');

/**
 * When the reminder rule may message customers, in the business's time zone: from `start` (inclusive)
 * to `end` (exclusive), on the ISO weekdays in `days` (1 = Monday … 7 = Sunday).
 */
export const businessHoursSchema = z
  .object({
    start: clockTime.default('08:00'),
    end: clockTime.default('18:00'),
    days: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5, 6]),
  })
  .refine((hours) => hours.start < hours.end, 'business hours end after they start');

export type BusinessHours = z.output<typeof businessHoursSchema>;

/**
 * `whatsapp_reminders_unpaid`: the first reminder goes out `days_after_due` days after the due date
 * (this is also when `debt.overdue` fires), then at most one per invoice every `interval_days`.
 */
export const reminderParamsSchema = z.object({
  days_after_due: z.number().int().min(0).max(365).default(3),
  interval_days: z.number().int().min(1).max(365).default(7),
  business_hours: businessHoursSchema.default(() => businessHoursSchema.parse({})),
});

export type ReminderParams = z.output<typeof reminderParamsSchema>;

/** The rules that have settings, and the schema their stored `params` are read with. */
export const ruleParamSchemas = {
  whatsapp_reminders_unpaid: reminderParamsSchema,
} as const;

export type RuleWithParams = keyof typeof ruleParamSchemas;
export type RuleParams<Key extends RuleWithParams> = z.output<(typeof ruleParamSchemas)[Key]>;

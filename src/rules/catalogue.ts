/**
 * The business's rules: sync rules and dedup rules as toggles, each with a stable key, plain-words
 * wording in English and Swahili, and the default that applies until the owner sets it. The sync
 * engine and the import center read them through `loadRules`.
 */

export type RuleKind = 'sync' | 'dedup';

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
};

export type Rules = Record<RuleKey, boolean>;

export const defaultRules: Rules = Object.fromEntries(
  ruleKeys.map((key) => [key, ruleSpecs[key].enabledByDefault]),
) as Rules;

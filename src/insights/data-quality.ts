/**
 * The data-quality panel: what in the business's records gets in the way of reminders, syncs and
 * insights, each with how many records, a few examples and the tool that fixes it.
 *
 * Every check is one SQL statement scoped by the tenant that returns its total with `count(*) over ()`
 * next to at most `exampleLimit` rows, so a check costs one pass whatever the table size. Merged
 * records (`merged_into` set) are hidden everywhere and never counted. Possible duplicate customers
 * come from `findDuplicates`, the same grouping `find_duplicates` shows.
 */
import { type SQL, sql } from 'drizzle-orm';
import { toInt } from '../../db/database.ts';
import type { Deps, TenantContext } from '../core/context.ts';
import { findDuplicates } from '../records/duplicates.ts';

/** Examples shown per finding; the counts are always complete. */
export const exampleLimit = 5;

/**
 * An email is "sane" when it has one @, something before it, and a dotted domain without spaces.
 * Deliberately loose: it catches typos ("joyce@gmail", "joyce gmail.com"), not every RFC 5322 corner.
 */
export const saneEmailPattern = '^[^[:space:]@]+@[^[:space:]@]+\\.[^[:space:]@.]+$';

export const qualityKinds = [
  'duplicate_customers',
  'customers_without_phone',
  'customers_invalid_email',
  'products_without_sku',
  'invoices_without_customer',
  'products_without_price',
] as const;
export type QualityKind = (typeof qualityKinds)[number];

export interface QualityExample {
  id: string;
  /** A name, or an invoice number. */
  name: string;
  /** What is wrong with this one, when the name alone does not say it (the bad email, the amount). */
  detail?: string;
  /** For duplicates: the other records of the group (`id` is the oldest, the one to keep). */
  mergeIds?: string[];
}

export interface QualityFinding {
  kind: QualityKind;
  /** Records affected. For duplicates: the extra records that would go away by merging. */
  count: number;
  examples: QualityExample[];
  /** Plain words for the owner: "3 products without a SKU". */
  label: string;
  /** What to do, naming the tool that does it. */
  fix: string;
  /** Duplicates: the number of groups. Invoices without a customer: how many are still open. */
  groups?: number;
  open?: number;
}

export interface DataQualityReport {
  /** Only the kinds with something to fix, in the order of `qualityKinds`. */
  findings: QualityFinding[];
  /** Total records affected across the findings. */
  total: number;
}

interface ExampleRow {
  total: unknown;
  id: string;
  name: string;
  detail: string | null;
  open?: unknown;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export async function dataQuality(deps: Deps, context: TenantContext): Promise<DataQualityReport> {
  const tenantId = context.tenant.id;
  const examples = (query: SQL) => deps.db.rows<ExampleRow>(query);
  const [groups, noPhone, badEmail, noSku, noCustomer, noPrice] = await Promise.all([
    // Every group: the count must be complete, and findDuplicates reads the customers once anyway.
    findDuplicates(deps, context, 'customers', Number.MAX_SAFE_INTEGER),
    examples(sql`
      select count(*) over () as total, id, full_name as name, email as detail from customers
      where tenant_id = ${tenantId} and merged_into is null and coalesce(trim(phone), '') = ''
      order by created_at desc, id limit ${exampleLimit}`),
    examples(sql`
      select count(*) over () as total, id, full_name as name, email as detail from customers
      where tenant_id = ${tenantId} and merged_into is null and coalesce(trim(email), '') <> ''
        and trim(email) !~ ${saneEmailPattern}
      order by created_at desc, id limit ${exampleLimit}`),
    examples(sql`
      select count(*) over () as total, id, name, category as detail from products
      where tenant_id = ${tenantId} and merged_into is null and coalesce(trim(sku), '') = ''
      order by name, id limit ${exampleLimit}`),
    // Void invoices need no customer; open ones come first, nobody can be reminded to pay them.
    examples(sql`
      select count(*) over () as total,
        count(*) filter (where status = 'open' and total > amount_paid) over () as open,
        id, number as name,
        case when status = 'open' and total > amount_paid then 'open' else status end as detail
      from invoices
      where tenant_id = ${tenantId} and customer_id is null and status <> 'void'
      order by (status = 'open' and total > amount_paid) desc, issue_date desc, number
      limit ${exampleLimit}`),
    examples(sql`
      select count(*) over () as total, id, name, sku as detail from products
      where tenant_id = ${tenantId} and merged_into is null and coalesce(price, 0) <= 0
      order by name, id limit ${exampleLimit}`),
  ]);

  const findings: QualityFinding[] = [];
  const countOf = (rows: ExampleRow[]) => toInt(rows[0]?.total);
  const toExamples = (rows: ExampleRow[]): QualityExample[] =>
    rows.map((row) => ({ id: row.id, name: row.name, ...(row.detail ? { detail: row.detail } : {}) }));

  const extra = groups.reduce((sum, group) => sum + group.records.length - 1, 0);
  if (groups.length > 0)
    findings.push({
      kind: 'duplicate_customers',
      count: extra,
      groups: groups.length,
      examples: groups.slice(0, exampleLimit).map((group) => {
        const [keep, ...others] = group.records;
        return {
          id: keep?.id ?? '',
          name: group.records.map((record) => record.name).join(' / '),
          detail: group.reason,
          mergeIds: others.map((record) => record.id),
        };
      }),
      label: `${plural(extra, 'possible duplicate customer', 'possible duplicate customers')}${extra === groups.length ? '' : ` (in ${plural(groups.length, 'group', 'groups')})`}`,
      fix: 'Review them with find_duplicates, then merge_records (keep the oldest record; merges can be undone)',
    });
  const simple: [QualityKind, ExampleRow[], (count: number) => string, string][] = [
    [
      'customers_without_phone',
      noPhone,
      (count) => plural(count, 'customer without a phone number', 'customers without a phone number'),
      'Ask for the missing number (no reminders or M-Pesa prompts without it); fill it in with an import or the next sync',
    ],
    [
      'customers_invalid_email',
      badEmail,
      (count) => plural(count, 'customer with an invalid email', 'customers with an invalid email'),
      'Ask for the correct email address; fix it in the source system or re-import',
    ],
    [
      'products_without_sku',
      noSku,
      (count) => plural(count, 'product without a SKU', 'products without a SKU'),
      'Ask for the missing SKU: without it sales from the POS or the shop cannot be matched to the product',
    ],
  ];
  for (const [kind, rows, label, fix] of simple) {
    const count = countOf(rows);
    if (count > 0) findings.push({ kind, count, examples: toExamples(rows), label: label(count), fix });
  }
  const invoicesCount = countOf(noCustomer);
  if (invoicesCount > 0) {
    const open = toInt(noCustomer[0]?.open);
    findings.push({
      kind: 'invoices_without_customer',
      count: invoicesCount,
      open,
      examples: toExamples(noCustomer),
      label: `${plural(invoicesCount, 'invoice without a customer', 'invoices without a customer')} (${open === 0 ? 'none open' : `${open} still open`})`,
      fix: 'Assign a customer to each (the open ones first: nobody can be reminded to pay them)',
    });
  }
  const priceCount = countOf(noPrice);
  if (priceCount > 0)
    findings.push({
      kind: 'products_without_price',
      count: priceCount,
      examples: toExamples(noPrice),
      label: plural(priceCount, 'product without a price', 'products without a price'),
      fix: 'Ask for the missing price; fill it in with an import or the next sync',
    });
  return { findings, total: findings.reduce((sum, finding) => sum + finding.count, 0) };
}

import { z } from 'zod';
import type { ReplyPart } from '../../agent/reply-parts.ts';
import { findDuplicates } from '../../records/duplicates.ts';
import { defineTool } from '../define.ts';

export const findDuplicatesTool = defineTool({
  name: 'find_duplicates',
  title: 'Find duplicates',
  description:
    'Possible duplicate customers (same phone, same email, or the same name written another way) or products (same SKU or name), grouped, strongest first, with how many invoices each has. Suggestions for review: merge them with merge_records after the owner agrees.',
  scope: 'read',
  confirm: false,
  annotations: { readOnlyHint: true, idempotentHint: true },
  input: z.object({
    entity: z.enum(['customers', 'products']).default('customers'),
    limit: z.number().int().min(1).max(100).default(20),
  }),
  async run({ deps, context }, input) {
    const groups = await findDuplicates(deps, context, input.entity, input.limit);
    if (groups.length === 0) return { data: { groups }, text: `No duplicate ${input.entity} found.` };
    const text = [
      `${groups.length} possible duplicate group${groups.length === 1 ? '' : 's'} of ${input.entity}:`,
      ...groups.map(
        (group, index) =>
          `${index + 1}. ${group.reason}: ${group.records.map((record) => `${record.name}${record.phone ? ` (${record.phone})` : ''}, ${record.references} invoices`).join(' · ')}`,
      ),
    ].join('\n');
    const parts: ReplyPart[] = [
      {
        type: 'table',
        title: `Possible duplicate ${input.entity}`,
        columns: [
          { key: 'group', label: '#' },
          { key: 'reason', label: 'Why' },
          { key: 'name', label: 'Name' },
          { key: 'contact', label: input.entity === 'customers' ? 'Phone / email' : 'SKU' },
          { key: 'references', label: 'Invoices', align: 'right' },
        ],
        rows: groups.flatMap((group, index) =>
          group.records.map((record) => ({
            group: String(index + 1),
            reason: group.reason,
            name: record.name,
            contact:
              (input.entity === 'customers'
                ? [record.phone, record.email].filter(Boolean).join(' · ')
                : record.sku) ?? '',
            references: String(record.references),
          })),
        ),
      },
    ];
    return { data: { groups }, text, summary: text.split('\n')[0] ?? text, parts };
  },
});

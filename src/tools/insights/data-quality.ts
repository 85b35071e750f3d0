import { z } from 'zod';
import type { ReplyPart } from '../../agent/reply-parts.ts';
import { type DataQualityReport, dataQuality, type QualityExample } from '../../insights/data-quality.ts';
import { defineTool } from '../define.ts';

export const dataQualityTool = defineTool({
  name: 'data_quality',
  title: 'Data quality',
  description:
    'Problems in the business’s records, each with a count, up to 5 examples (with ids) and how to fix it: possible duplicate customers, customers without a phone, customers with an invalid email, products without a SKU, invoices without a customer (and how many are still open), products without a price. Use for "is my data clean?", "data quality", "matatizo ya data". Read-only; fixes go through find_duplicates / merge_records or by asking the owner for the missing values.',
  scope: 'read',
  confirm: false,
  annotations: { readOnlyHint: true, idempotentHint: true },
  input: z.object({}),
  async run({ deps, context }) {
    const report = await dataQuality(deps, context);
    const data = {
      findings: report.findings.map((finding) => ({
        kind: finding.kind,
        count: finding.count,
        ...(finding.groups === undefined ? {} : { groups: finding.groups }),
        ...(finding.open === undefined ? {} : { open: finding.open }),
        label: finding.label,
        fix: finding.fix,
        examples: finding.examples.map((example) => ({
          id: example.id,
          name: example.name,
          ...(example.detail ? { detail: example.detail } : {}),
          ...(example.mergeIds ? { merge_ids: example.mergeIds } : {}),
        })),
      })),
      total: report.total,
    };
    if (report.findings.length === 0) return { data, text: 'No data problems found.', parts: [] };
    const count = report.findings.length;
    const summary = `${count} kind${count === 1 ? '' : 's'} of problems: ${report.findings.map((finding) => finding.label).join(', ')}.`;
    const details = report.findings.map(
      (finding) =>
        `- ${finding.label}, e.g. ${finding.examples
          .slice(0, 3)
          .map(exampleText)
          .join('; ')}. Fix: ${finding.fix}.`,
    );
    return { data, text: `${summary}\n${details.join('\n')}`, summary, parts: [table(report)] };
  },
});

function exampleText(example: QualityExample): string {
  return example.detail ? `${example.name} (${example.detail})` : example.name;
}

function table(report: DataQualityReport): ReplyPart {
  return {
    type: 'table',
    title: 'Data quality',
    columns: [
      { key: 'issue', label: 'Issue' },
      { key: 'count', label: 'Count', align: 'right' },
      { key: 'example', label: 'Example' },
      { key: 'fix', label: 'Fix' },
    ],
    rows: report.findings.map((finding) => ({
      issue: finding.label,
      count: String(finding.count),
      example: finding.examples[0] ? exampleText(finding.examples[0]) : '—',
      fix: finding.fix,
    })),
  };
}

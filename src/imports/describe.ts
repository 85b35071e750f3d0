/** Previews and reports in words and tables, for chat and terminals. */
import type { ReplyPart } from '../agent/reply-parts.ts';
import type { ImportReport } from './commit.ts';
import type { ImportPreview } from './preview.ts';

const plural = (count: number, noun: string) =>
  `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;

export function describePreview(preview: ImportPreview): string {
  const system = preview.source.system ? ` (recognised: ${preview.source.system})` : '';
  const lines = [
    `${preview.source.name}${system}: ${plural(preview.rows, 'row')} of ${preview.entity}.`,
    `Will create ${preview.willCreate.toLocaleString('en-US')}, update ${preview.willUpdate.toLocaleString('en-US')} existing, skip ${preview.willSkip.toLocaleString('en-US')}.`,
  ];
  if (preview.duplicates.toReview > 0)
    lines.push(
      `${plural(preview.duplicates.toReview, 'row')} match records you already have; as your rules ask, they are added as new and each is listed for you to merge or keep.`,
    );
  if (preview.duplicates.inFile > 0)
    lines.push(`${plural(preview.duplicates.inFile, 'row')} repeat an earlier row of the file.`);
  if (preview.issueCount > 0) {
    lines.push(
      `${plural(preview.issueCount, 'problem')}, e.g. ${preview.issues
        .slice(0, 3)
        .map((issue) => `row ${issue.line}: ${issue.message}`)
        .join('; ')}.`,
    );
  }
  if (preview.possibleDuplicates.length > 0) {
    const first = preview.possibleDuplicates[0];
    lines.push(
      `${plural(preview.possibleDuplicates.length, 'new customer')} may be someone you already have (e.g. row ${first?.line} "${first?.name}" ~ "${first?.similarTo.name}"); they are created separately, and "find duplicates" lets you merge them after.`,
    );
  }
  const unmapped = preview.mapping.filter((column) => column.field === null).map((column) => column.column);
  if (unmapped.length > 0) lines.push(`Not imported: ${unmapped.join(', ')}.`);
  if (preview.dateOrder.ambiguous)
    lines.push(
      `Dates could be day-first or month-first; I read them as ${preview.dateOrder.order === 'mdy' ? 'month/day/year' : 'day/month/year'}.`,
    );
  return lines.join('\n');
}

export function mappingTable(preview: ImportPreview): ReplyPart {
  return {
    type: 'table',
    title: 'Column mapping',
    columns: [
      { key: 'column', label: 'Column in the file' },
      { key: 'field', label: 'Imported as' },
      { key: 'confidence', label: 'Sure', align: 'right' },
    ],
    rows: preview.mapping.map((column) => ({
      column: column.column,
      field: column.field ?? '— not imported',
      confidence: `${Math.round(column.confidence * 100)}%`,
    })),
  };
}

export function describeReport(report: ImportReport): string {
  const lines = [
    `Imported ${report.entity}: ${report.created.toLocaleString('en-US')} created, ${report.updated.toLocaleString('en-US')} updated, ${report.skipped.toLocaleString('en-US')} skipped.`,
  ];
  if (report.issueCount > 0)
    lines.push(
      `${plural(report.issueCount, 'problem')} in the file (rows kept where possible), e.g. ${report.issues
        .slice(0, 3)
        .map((issue) => `row ${issue.line}: ${issue.message}`)
        .join('; ')}.`,
    );
  lines.push('You can undo this whole import later.');
  return lines.join('\n');
}

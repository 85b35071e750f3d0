/** A reply as plain text, for terminals and text-only channels: tables aligned, buttons numbered. */
import { textTable } from '../tools/render.ts';
import type { ReplyPart } from './reply-parts.ts';

export function partToPlainText(part: ReplyPart, language = 'en'): string {
  switch (part.type) {
    case 'text':
      return part.text;
    case 'table': {
      const table = textTable(
        part.columns.map((column) => column.label),
        part.rows.map((row) => part.columns.map((column) => row[column.key] ?? '')),
        part.columns.flatMap((column, index) => (column.align === 'right' ? [index] : [])),
      );
      return [part.title, table, part.caption].filter(Boolean).join('\n');
    }
    case 'confirmation':
      return language === 'sw'
        ? `Inasubiri uthibitisho: ${part.summary}\nJibu "ndiyo" kuthibitisha au "hapana" kughairi.`
        : `Waiting for your confirmation: ${part.summary}\nReply "yes" to confirm or "no" to cancel.`;
    case 'buttons':
      return part.buttons.map((button, index) => `${index + 1}. ${button.label}`).join('\n');
    case 'chart': {
      const largest = Math.max(1, ...part.bars.map((bar) => bar.value));
      const width = Math.max(...part.bars.map((bar) => bar.label.length));
      const bars = part.bars.map(
        (bar) =>
          `${bar.label.padEnd(width)}  ${'█'.repeat(Math.round((bar.value / largest) * 20)).padEnd(20)}  ${bar.display}`,
      );
      return [part.title, ...bars].join('\n');
    }
  }
}

/** The reply's text followed by its parts; a table replaces the same lines in the text. */
export function replyToPlainText(text: string, parts: readonly ReplyPart[], language = 'en'): string {
  return [text, ...parts.map((part) => partToPlainText(part, language))]
    .filter((piece) => piece.trim() !== '')
    .join('\n\n');
}

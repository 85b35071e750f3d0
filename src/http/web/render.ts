/** Server-side HTML for chat messages and reply parts; the page's script renders the same shapes. */
import type { ReplyPart } from '../../agent/reply-parts.ts';

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Text with line breaks kept; nothing from the text is ever treated as markup. */
export function renderText(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

export function renderPart(part: ReplyPart): string {
  switch (part.type) {
    case 'text':
      return `<div class="part-text">${renderText(part.text)}</div>`;
    case 'table': {
      const head = part.columns
        .map(
          (column) =>
            `<th scope="col" class="${column.align === 'right' ? 'num' : ''}">${escapeHtml(column.label)}</th>`,
        )
        .join('');
      const body = part.rows
        .map(
          (row) =>
            `<tr>${part.columns.map((column) => `<td class="${column.align === 'right' ? 'num' : ''}">${escapeHtml(row[column.key] ?? '')}</td>`).join('')}</tr>`,
        )
        .join('');
      return `<div class="table-wrap"><table class="reply-table">${part.title ? `<caption>${escapeHtml(part.title)}${part.caption ? ` <small>${escapeHtml(part.caption)}</small>` : ''}</caption>` : ''}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
    }
    case 'confirmation': {
      const status = part.status ?? 'pending';
      const buttons =
        status === 'pending'
          ? `<form method="post" action="/chat/actions/${escapeHtml(part.actionId)}" class="confirmation-buttons">
<button type="submit" name="decision" value="confirm" data-decision="confirm">Confirm</button>
<button type="submit" name="decision" value="cancel" data-decision="cancel" class="secondary">Cancel</button></form>`
          : '';
      return `<div class="confirmation" data-action-id="${escapeHtml(part.actionId)}" data-status="${status}">
<p class="confirmation-summary">${escapeHtml(part.summary)}</p>${buttons}<p class="confirmation-status" role="status">${statusLabel(status)}</p></div>`;
    }
    case 'buttons':
      return `<div class="buttons">${part.buttons.map((button) => `<button type="button" data-say="${escapeHtml(button.value)}">${escapeHtml(button.label)}</button>`).join('')}</div>`;
  }
}

export function statusLabel(status: string): string {
  return (
    {
      pending: 'Waiting for your confirmation.',
      confirmed: 'Confirmed.',
      cancelled: 'Cancelled.',
      failed: 'Failed.',
      expired: 'Expired.',
    }[status] ?? ''
  );
}

export interface PageMessage {
  role: 'user' | 'assistant';
  text: string;
  parts: ReplyPart[];
}

export function renderMessage(message: PageMessage): string {
  return `<li class="message ${message.role}"><div class="message-text">${renderText(message.text)}</div>${message.parts.map(renderPart).join('')}</li>`;
}

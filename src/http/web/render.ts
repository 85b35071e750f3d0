/** Server-side HTML for chat messages and reply parts; the page's script renders the same shapes. */
import type { ReplyPart } from '../../agent/reply-parts.ts';
import { chartSize, chartSvg } from '../../insights/charts.ts';

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
      // The title sits outside the scrolling area, so it stays readable on a narrow screen.
      const title = part.title
        ? `<p class="table-title">${escapeHtml(part.title)}${part.caption ? ` <small>${escapeHtml(part.caption)}</small>` : ''}</p>`
        : '';
      return `${title}<div class="table-wrap" tabindex="0" role="region" aria-label="${escapeHtml(part.title ?? 'table')}"><table class="reply-table"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
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
    case 'chart':
      return barChartSvg(part);
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

/** A message's inside: its text and parts (what the page's script inserts into a new message). */
export function renderMessageBody(message: PageMessage): string {
  return `<div class="message-text">${renderText(message.text)}</div>${message.parts.map(renderPart).join('')}`;
}

export function renderMessage(message: PageMessage): string {
  return `<li class="message ${message.role}">${renderMessageBody(message)}</li>`;
}

/** A horizontal bar chart as inline SVG: labels left, bars scaled to the largest value, amounts right. */
export function barChartSvg(part: Extract<ReplyPart, { type: 'chart' }>): string {
  // A time series is drawn as a line by the same renderer that makes the PNG images.
  if (part.kind === 'line') {
    const svg = chartSvg(part).replace(/^<\?xml[^>]*>\s*/, '');
    const { width } = chartSize(part);
    return `<figure class="chart" style="max-width:${width}px">${svg.replace('<svg ', '<svg width="100%" ').replace(/ width="\d+" height="\d+"/, '')}</figure>`;
  }
  const rowHeight = 28;
  const labelWidth = 110;
  const barWidth = 220;
  const width = labelWidth + barWidth + 150;
  const height = part.bars.length * rowHeight + 34;
  const largest = Math.max(1, ...part.bars.map((bar) => bar.value));
  const rows = part.bars
    .map((bar, index) => {
      const y = 30 + index * rowHeight;
      const length = Math.max(bar.value > 0 ? 2 : 0, Math.round((bar.value / largest) * barWidth));
      return `<text x="0" y="${y + 14}" class="chart-label">${escapeHtml(bar.label)}</text><rect x="${labelWidth}" y="${y}" width="${length}" height="18" rx="3" fill="#0f5132"/><text x="${labelWidth + length + 8}" y="${y + 14}" class="chart-value">${escapeHtml(bar.display)}</text>`;
    })
    .join('');
  return `<figure class="chart"><svg role="img" aria-label="${escapeHtml(part.title)}" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px"><text x="0" y="16" class="chart-title">${escapeHtml(part.title)}</text>${rows}</svg></figure>`;
}

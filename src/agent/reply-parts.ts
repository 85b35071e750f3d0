/**
 * Rich reply parts: what a reply is made of besides its text. Channels render each part as well as
 * they can (a table as a table in the web chat and as aligned text on WhatsApp; buttons as buttons
 * or numbered options).
 */

export interface TableColumn {
  key: string;
  label: string;
  align?: 'left' | 'right';
}

export type ReplyPart =
  | { type: 'text'; text: string }
  | {
      type: 'table';
      title?: string;
      columns: TableColumn[];
      rows: Record<string, string>[];
      caption?: string;
    }
  | {
      type: 'confirmation';
      actionId: string;
      tool: string;
      summary: string;
      expiresAt: string;
      /** Present only on the live reply to the person; never stored in chat history. */
      token?: string;
      status?: 'pending' | 'confirmed' | 'cancelled' | 'failed' | 'expired';
    }
  | { type: 'buttons'; buttons: { label: string; value: string }[] }
  /**
   * A chart: bars (the default) or a line for a time series; rendered as SVG in the web chat and as a
   * PNG image or text bars elsewhere.
   */
  | {
      type: 'chart';
      title: string;
      bars: { label: string; value: number; display: string }[];
      kind?: 'bar' | 'line';
    };

/** The same part without anything secret, for storage in chat history. */
export function storablePart(part: ReplyPart): ReplyPart {
  if (part.type !== 'confirmation') return part;
  const { token: _token, ...rest } = part;
  return rest;
}

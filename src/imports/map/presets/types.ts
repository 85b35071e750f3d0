/** The shape of a source-system preset: a known export's header row and how it maps. */
import type { ImportEntity } from '../../types.ts';

/**
 * A known export of another system. `mapping` is keyed by header as the system writes it (compared
 * after normaliseHeader); null means "known, deliberately not imported". It may also list header
 * spellings of other versions of the same export, which do not count towards detection.
 */
export interface SourcePreset {
  /** Stable id of the system ("shopify", "mpesa-business"); M-Pesa statements start with "mpesa". */
  system: string;
  label: string;
  entity: ImportEntity;
  /** The export's header row, in the system's order. */
  headers: string[];
  mapping: Record<string, string | null>;
  notes?: string;
  /** e.g. Shopify: one row per line item */
  rowShape?: 'one-per-record' | 'one-per-line-item';
  dateOrder?: 'dmy' | 'mdy' | 'ymd';
  /**
   * Headers that identify the system (default: all of `headers`). Narrower where a system's export
   * varies by settings or version, so a trimmed file is still recognised.
   */
  signature?: string[];
  /**
   * Header → field used only when no column of the file gets that field from `mapping` (an export
   * variant without the usual column, e.g. M-PESA statements without "Other Party Info").
   */
  fallback?: Record<string, string>;
  /** Columns whose text must be parsed before use, and with what (see parseMpesaDetails). */
  parse?: Record<string, 'mpesa-details'>;
  /** Where the header row was confirmed, and how firmly. */
  evidence: { status: 'confirmed' | 'partial' | 'unconfirmed'; source: string };
}

/**
 * Safaricom M-PESA statements: the business (organisation portal) export and the personal statement.
 * They become payments received: the receipt is the reference, the completion time is when it was
 * paid, "Paid In" is the amount. The payer's name and (masked) phone are only inside free text, so
 * that column is mapped to payer_name and must be parsed with parseMpesaDetails.
 */
import type { SourcePreset } from './types.ts';

const statementNotes =
  'Rows with an empty "Paid In" (money withdrawn, sent, charges) are not payments received and must be skipped; ' +
  'so must rows whose Transaction Status is not "Completed". The payer name, phone (masked as 2547****678) and ' +
  'the account typed by the payer ("Acc. INV-00042") are in the payer_name column\'s text: the pipeline runs ' +
  'parseMpesaDetails on it. Amounts are in KES. The file starts with a few lines about the account and period ' +
  'above the header.';

export const mpesaBusinessStatement: SourcePreset = {
  system: 'mpesa-business',
  label: 'M-PESA business statement (organisation portal)',
  entity: 'payments',
  headers: [
    'Receipt No.',
    'Completion Time',
    'Initiation Time',
    'Details',
    'Transaction Status',
    'Paid In',
    'Withdrawn',
    'Balance',
    'Balance Confirmed',
    'Reason Type',
    'Other Party Info',
    'Linked Transaction ID',
    'A/C No.',
  ],
  mapping: {
    'Receipt No.': 'reference',
    'Completion Time': 'paid_at',
    'Initiation Time': null,
    Details: null,
    'Transaction Status': null,
    'Paid In': 'amount',
    Withdrawn: null,
    Balance: null,
    'Balance Confirmed': null,
    'Reason Type': 'method',
    'Other Party Info': 'payer_name',
    'Linked Transaction ID': null,
    'A/C No.': 'invoice_number',
    // Same platform, other markets: a currency column and "Opposite Party" instead of "Other Party Info".
    Currency: 'currency',
    'Opposite Party': 'payer_name',
  },
  notes: `${statementNotes} "Reason Type" (Pay Bill Online, Customer Buy Goods Online…) is kept as the method; "A/C No." is the account the payer typed, usually an invoice or customer number.`,
  rowShape: 'one-per-record',
  signature: [
    'Receipt No.',
    'Completion Time',
    'Initiation Time',
    'Details',
    'Transaction Status',
    'Paid In',
    'Withdrawn',
    'Balance',
  ],
  fallback: { Details: 'payer_name' },
  parse: { 'Other Party Info': 'mpesa-details', 'Opposite Party': 'mpesa-details', Details: 'mpesa-details' },
  evidence: {
    status: 'confirmed',
    source:
      'The 13-column header in several public statement importers (an M-KOPA payments regression suite, ' +
      'reconciliation tools in Python, PHP and Java); the 2009-era columns (Receipt, Date, Details, Status, ' +
      'Withdrawn, Paid In, Balance, Balance Confirmed, Transaction Type, Other Party Info) in the Mifos M-PESA ' +
      'import specification. Dates appear both as 2026-09-04 16:02:11 and 03-02-2026 10:15:00, so no date order ' +
      'is fixed.',
  },
};

export const mpesaPersonalStatement: SourcePreset = {
  system: 'mpesa-personal',
  label: 'M-PESA personal statement',
  entity: 'payments',
  headers: [
    'Receipt No',
    'Completion Time',
    'Details',
    'Transaction Status',
    'Paid In',
    'Withdrawn',
    'Balance',
  ],
  mapping: {
    'Receipt No': 'reference',
    'Completion Time': 'paid_at',
    Details: 'payer_name',
    'Transaction Status': null,
    'Paid In': 'amount',
    Withdrawn: null,
    Balance: null,
  },
  notes: `${statementNotes} The statement is a PDF; this is the table as converted to CSV or copied out of it.`,
  rowShape: 'one-per-record',
  dateOrder: 'ymd',
  parse: { Details: 'mpesa-details' },
  evidence: {
    status: 'confirmed',
    source:
      "The statement table's columns as many public M-PESA statement parsers read them (Go, Python, TypeScript; " +
      '"Receipt No,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Balance"), times as 2024-01-15 ' +
      '14:30:25. Vodacom M-Pesa Tanzania: no statement header was found in public sources; its files map through ' +
      'the synonyms.',
  },
};

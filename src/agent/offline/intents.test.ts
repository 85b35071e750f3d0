import { describe, expect, it } from 'vitest';
import { detectLanguage, parseUtterance } from './intents.ts';
import { utteranceCases } from './utterances.ts';

const today = '2026-11-23';

describe('parseUtterance', () => {
  it.each(utteranceCases)('reads "$text" as $expect.name', ({ text, today, expect: expected, language }) => {
    const parsed = parseUtterance(text, today);
    expect(parsed.intent).toEqual(expected);
    if (language) expect(parsed.language).toBe(language);
  });

  it('has at least eight cases for every intent', () => {
    const counts = new Map<string, number>();
    for (const { expect: expected } of utteranceCases) {
      counts.set(expected.name, (counts.get(expected.name) ?? 0) + 1);
    }
    const names = [
      'receivables',
      'customer_lookup',
      'payments_received',
      'record_payment',
      'sales_summary',
      'sync',
      'sync_logs',
      'connection_status',
      'import_help',
      'insights',
      'briefing',
      'data_quality',
      'help',
      'greeting',
      'confirm',
      'cancel',
      'unknown',
    ];
    for (const name of names) expect(counts.get(name) ?? 0, name).toBeGreaterThanOrEqual(8);
  });
});

describe('questions about paying are never recorded', () => {
  it.each([
    'how much did Hassan pay?',
    'Did Hassan pay 20000?',
    'has Mama Joyce paid 50k?',
    'Hassan amelipa elfu kumi?',
    'je, Hassan amelipa elfu kumi?',
    'Hassan amelipa kiasi gani?',
    'what did Baraka pay by M-Pesa yesterday?',
  ])('%s', (text) => {
    expect(parseUtterance(text, today).intent.name).not.toBe('record_payment');
  });

  it('still records an explicit order that ends with a question mark', () => {
    expect(parseUtterance('record 50k from Hassan?', today).intent).toEqual({
      name: 'record_payment',
      customer: 'Hassan',
      amount: '50000',
    });
  });
});

describe('record_payment needs both parts', () => {
  it.each([
    'record a payment',
    'rekodi malipo',
    'record 50k',
    'record 50,000 by M-Pesa',
    'record from Hassan',
    'pokea kutoka kwa Hassan',
  ])('%s is not a guessed write', (text) => {
    expect(parseUtterance(text, today).intent).toEqual({ name: 'unknown' });
  });

  it('does not read a phone number as the amount', () => {
    expect(parseUtterance('record payment from 0712 345 678', today).intent.name).toBe('unknown');
    expect(parseUtterance('record 15k from +255712345678', today).intent).toEqual({
      name: 'record_payment',
      customer: '+255712345678',
      amount: '15000',
    });
  });

  it('does not read an M-Pesa code or an invoice number as the amount', () => {
    expect(parseUtterance('Hassan paid QK41XYZ9AB', today).intent.name).not.toBe('record_payment');
    expect(parseUtterance('record INV-000123 from Hassan', today).intent.name).toBe('unknown');
  });

  it('does not take "I paid" as a customer paying', () => {
    expect(parseUtterance('I paid 20000 to the supplier', today).intent.name).toBe('unknown');
  });
});

describe('"jana" on its own and after mwezi, wiki, mwaka', () => {
  it.each([
    ['mauzo ya jana', '2026-11-22', '2026-11-22'],
    ['mauzo ya mwezi jana', '2026-10-01', '2026-10-31'],
    ['mauzo ya wiki jana', '2026-11-16', '2026-11-22'],
    ['mauzo ya mwaka jana', '2025-01-01', '2025-12-31'],
  ])('%s', (text, from, to) => {
    expect(parseUtterance(text, today).intent).toMatchObject({ name: 'sales_summary', period: { from, to } });
  });
});

describe('greetings', () => {
  it('give way to a question asked with them', () => {
    expect(parseUtterance('good morning, how much did I sell today?', today).intent.name).toBe(
      'sales_summary',
    );
    expect(parseUtterance('mambo! nani ananidai?', today).intent.name).toBe('receivables');
  });

  it('confirm and cancel only as whole replies', () => {
    expect(parseUtterance('yes, who owes me?', today).intent.name).toBe('receivables');
    expect(parseUtterance('stop syncing shopify', today).intent.name).not.toBe('cancel');
  });
});

describe('detectLanguage', () => {
  it.each([
    ['who owes me?', 'en'],
    ['nani ananidai?', 'sw'],
    ['nani ananidai this month?', 'sw'],
    ['record elfu hamsini from Hassan by mpesa', 'en'],
    ['Mama Joyce amelipa elfu hamsini kwa M-Pesa', 'sw'],
    ['Hassan', 'en'],
  ] as const)('%s → %s', (text, language) => {
    expect(detectLanguage(text.toLowerCase())).toBe(language);
  });
});

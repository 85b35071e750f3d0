import { describe, expect, it } from 'vitest';
import type { ImportEntity } from '../types.ts';
import { mapColumns, missingRequired, presets } from './index.ts';
import { looksLikeStub } from './test-support.ts';

const fieldsOf = (entity: ImportEntity, headers: string[], samples: string[][] = [], options = {}) =>
  mapColumns(entity, headers, samples, options).map((column) => column.field);

describe('Swahili headers', () => {
  it('maps a customer list written in Swahili', () => {
    const mapping = mapColumns('customers', ['Jina', 'Simu', 'Barua pepe', 'Mji', 'Mkoa', 'Maelezo'], []);
    expect(mapping.map((c) => c.field)).toEqual(['full_name', 'phone', 'email', 'city', 'region', 'notes']);
    expect(mapping.every((c) => c.reason === 'synonym' && c.confidence === 0.9)).toBe(true);
  });

  it('maps products, invoices, payments and expenses, "Tarehe" and "Kiasi" following the entity', () => {
    expect(fieldsOf('products', ['Bidhaa', 'Bei', 'Bei ya kununua', 'Idadi', 'Kategoria'])).toEqual([
      'name',
      'price',
      'cost',
      'stock_qty',
      'category',
    ]);
    expect(fieldsOf('invoices', ['Namba ya ankara', 'Mteja', 'Tarehe', 'Jumla', 'Deni'])).toEqual([
      'number',
      'customer',
      'issue_date',
      'total',
      'balance',
    ]);
    expect(
      fieldsOf('payments', ['Risiti', 'Jina', 'Namba ya simu', 'Kiasi', 'Tarehe', 'Njia ya malipo']),
    ).toEqual(['reference', 'payer_name', 'phone', 'amount', 'paid_at', 'method']);
    expect(fieldsOf('expenses', ['Tarehe', 'Maelezo', 'Kiasi', 'Msambazaji', 'Aina'])).toEqual([
      'date',
      'description',
      'amount',
      'vendor',
      'category',
    ]);
  });

  it('checks Swahili matches against the values too', () => {
    const samples = [
      ['Amina Juma', 'Baraka Mollel'],
      ['0754 123 456', '+255 713 456 789'],
      ['12,000', '4,500'],
      ['05/02/2024', '12/02/2024'],
    ];
    const mapping = mapColumns('invoices', ['Mteja', 'Simu', 'Deni', 'Tarehe'], samples, {
      looksLike: looksLikeStub,
    });
    expect(mapping.map((c) => c.field)).toEqual(['customer', null, 'balance', 'issue_date']);
  });
});

describe('value checks', () => {
  const emails = ['amina@gmail.com', 'brian@yahoo.com', 'neema@outlook.com'];

  it('does not take a "Phone" column full of emails for the phone', () => {
    const samples = [['Amina Juma', 'Brian Otieno', 'Neema Mushi'], emails];
    const mapping = mapColumns('customers', ['Name', 'Phone'], samples, { looksLike: looksLikeStub });
    expect(mapping[1]).toMatchObject({ column: 'Phone', field: null, reason: 'none', confidence: 0 });
    // Without a value checker the name alone decides.
    expect(fieldsOf('customers', ['Name', 'Phone'], samples)).toEqual(['full_name', 'phone']);
  });

  it('never maps "Accepts Email Marketing" or "Email consent" to the email', () => {
    const flags = ['yes', 'no', 'yes'];
    for (const looksLike of [looksLikeStub, undefined]) {
      const options = looksLike ? { looksLike } : {};
      expect(fieldsOf('customers', ['Accepts Email Marketing'], [flags], options)).toEqual([null]);
      expect(fieldsOf('leads', ['Email consent', 'Accepts SMS Marketing'], [flags, flags], options)).toEqual([
        null,
        null,
      ]);
      expect(fieldsOf('customers', ['Email', 'Accepts Email Marketing'], [emails, flags], options)).toEqual([
        'email',
        null,
      ]);
    }
  });

  it('lowers the confidence when only most values fit, and rejects when few do', () => {
    const mostly = ['0754123456', '0713456789', '0688765432', 'ask Juma'];
    const mapping = mapColumns('customers', ['Simu'], [mostly], { looksLike: looksLikeStub });
    expect(mapping[0]).toMatchObject({ field: 'phone', reason: 'synonym', confidence: 0.72 });
    const few = ['0754123456', 'none', 'ask Juma', 'n/a'];
    expect(fieldsOf('customers', ['Simu'], [few], { looksLike: looksLikeStub })).toEqual([null]);
  });

  it('prefers a filled column to an empty one of the same kind, reading " ::: " cells by their first value', () => {
    const samples = [[''], ['0754 112 233 ::: 0655 445 566', '+255 768 445 566']];
    const mapping = mapColumns('customers', ['Phone 2 - Value', 'Phone 1 - Value'], samples, {
      looksLike: looksLikeStub,
    });
    expect(mapping.map((c) => c.field)).toEqual([null, 'phone']);
  });

  it('does not judge a column by empty cells, and trusts text and id fields', () => {
    expect(fieldsOf('payments', ['Paid In'], [['', '', '']], { looksLike: looksLikeStub })).toEqual([
      'amount',
    ]);
    expect(fieldsOf('products', ['SKU', 'Description'], [['A 1'], ['12']], { looksLike: () => 0 })).toEqual([
      'sku',
      'description',
    ]);
  });
});

describe('one column per field', () => {
  it('gives a field to the most confident column', () => {
    const mapping = mapColumns('customers', ['Mobile Number', 'Phone', 'Simu'], []);
    expect(mapping.map((c) => c.field)).toEqual([null, 'phone', null]);
    expect(mapping[1]).toMatchObject({ reason: 'exact', confidence: 0.95 });
  });

  it('breaks ties in favour of the leftmost column', () => {
    expect(fieldsOf('customers', ['Simu', 'Mobile'])).toEqual(['phone', null]);
    expect(fieldsOf('customers', ['Customer Name', 'Jina'])).toEqual(['full_name', null]);
  });

  it('leaves a column that loses its field unmapped rather than guessing again', () => {
    // "Amount" would otherwise fall to a weak reading as the amount paid.
    const mapping = mapColumns('invoices', ['Amount', 'Total'], []);
    expect(mapping.map((c) => [c.field, c.reason])).toEqual([
      [null, 'none'],
      ['total', 'exact'],
    ]);
  });
});

describe('remembered mappings', () => {
  it('win over every other stage, including "do not import"', () => {
    const remembered = new Map<string, string | null>([
      ['namba', 'phone'],
      ['email', 'notes'],
      ['simu ya ofisi', null],
    ]);
    const mapping = mapColumns('customers', ['Jina', 'Namba', 'Email', 'Barua pepe', 'Simu ya ofisi'], [], {
      remembered,
    });
    expect(mapping.map((c) => [c.field, c.reason, c.confidence])).toEqual([
      ['full_name', 'synonym', 0.9],
      ['phone', 'remembered', 1],
      ['notes', 'remembered', 1],
      ['email', 'synonym', 0.9],
      [null, 'remembered', 1],
    ]);
  });

  it('win over a preset and ignore fields the entity does not have', () => {
    const preset = presets.find((p) => p.system === 'mpesa-personal');
    const headers = [
      'Receipt No',
      'Completion Time',
      'Details',
      'Transaction Status',
      'Paid In',
      'Withdrawn',
      'Balance',
    ];
    const remembered = new Map<string, string | null>([
      ['details', null],
      ['balance', 'stock_qty'],
    ]);
    const mapping = mapColumns('payments', headers, [], { remembered, ...(preset ? { preset } : {}) });
    expect(mapping[2]).toMatchObject({ field: null, reason: 'remembered' });
    expect(mapping[6]).toMatchObject({ field: null, reason: 'preset' });
  });
});

describe('typos and near misses', () => {
  it('maps misspelt headers by fuzzy match', () => {
    const mapping = mapColumns('customers', ['Custmer Name', 'Phne Number', 'Emial Adress', 'Adress'], []);
    expect(mapping.map((c) => c.field)).toEqual(['full_name', 'phone', 'email', 'street']);
    for (const column of mapping) {
      expect(column.reason).toBe('fuzzy');
      expect(column.confidence).toBeGreaterThanOrEqual(0.5);
      expect(column.confidence).toBeLessThanOrEqual(0.85);
    }
  });

  it('matches words in another order', () => {
    expect(mapColumns('customers', ['Name Customer'], [])[0]).toMatchObject({
      field: 'full_name',
      reason: 'fuzzy',
      confidence: 0.85,
    });
  });

  it('reads a header ending in a field name as that field', () => {
    expect(fieldsOf('customers', ['Default Address City', 'Billing Phone'])).toEqual(['city', 'phone']);
    expect(fieldsOf('customers', ['Default Address Province'])).toEqual(['region']);
  });

  it('value-checks fuzzy matches', () => {
    const samples = [['amina@gmail.com', 'brian@yahoo.com']];
    expect(fieldsOf('customers', ['Phne Number'], samples, { looksLike: looksLikeStub })).toEqual([null]);
  });

  it('leaves unknown headers unmapped', () => {
    const mapping = mapColumns('products', ['Rangi', 'Xyz', ''], []);
    expect(mapping).toEqual([
      { column: 'Rangi', index: 0, field: null, confidence: 0, reason: 'none' },
      { column: 'Xyz', index: 1, field: null, confidence: 0, reason: 'none' },
      { column: '', index: 2, field: null, confidence: 0, reason: 'none' },
    ]);
  });
});

describe('exact names', () => {
  it('maps canonical names and English labels at 0.95, whatever their case and punctuation', () => {
    const mapping = mapColumns(
      'invoices',
      ['NUMBER', 'issue_date', 'Due Date', 'Total', 'Amount paid', 'currency'],
      [],
    );
    expect(mapping.map((c) => c.field)).toEqual([
      'number',
      'issue_date',
      'due_date',
      'total',
      'amount_paid',
      'currency',
    ]);
    expect(mapping.every((c) => c.reason === 'exact' && c.confidence === 0.95)).toBe(true);
  });

  it('reads "Invoice #" as the invoice number and camelCase exports as words', () => {
    expect(fieldsOf('invoices', ['Invoice #', 'InvoiceDate', 'AmountDue'])).toEqual([
      'number',
      'issue_date',
      'balance',
    ]);
  });
});

describe('determinism and shape', () => {
  it('returns one mapping per column, in order, the same every time', () => {
    const headers = ['Jina', 'Simu', 'Phone', 'Tarehe', 'Kiasi', 'Custmer Name'];
    const first = mapColumns('customers', headers, []);
    expect(first.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(first.map((c) => c.column)).toEqual(headers);
    expect(mapColumns('customers', headers, [])).toEqual(first);
  });
});

describe('required fields', () => {
  it('accepts a full name, or a first and a last name, for customers', () => {
    expect(missingRequired('customers', ['full_name'])).toEqual([]);
    expect(missingRequired('customers', ['first_name', 'last_name', 'phone'])).toEqual([]);
    expect(missingRequired('customers', ['first_name', 'phone', 'email'])).toEqual(['last_name']);
    expect(missingRequired('customers', [])).toEqual(['full_name']);
  });

  it('lists what an invoice file still needs', () => {
    expect(missingRequired('invoices', ['number', null, 'total'])).toEqual(['issue_date']);
    expect(missingRequired('leads', ['phone'])).toEqual([]);
  });
});

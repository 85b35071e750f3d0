import { describe, expect, it } from 'vitest';
import { detectEntity, detectSource } from './index.ts';
import { readExportFixture } from './test-support.ts';

describe('detectSource', () => {
  it('tells a business M-PESA statement from a personal one', () => {
    const business = readExportFixture('mpesa-business-statement.csv').headers;
    const personal = readExportFixture('mpesa-personal-statement.csv').headers;
    expect(detectSource(business)?.preset.system).toBe('mpesa-business');
    expect(detectSource(personal)?.preset.system).toBe('mpesa-personal');
    // The short organisation-portal layout (no party columns) is still the business statement.
    expect(detectSource(business.slice(0, 8))?.preset.system).toBe('mpesa-business');
  });

  it('recognises an export with a few columns removed, with its share as score', () => {
    const { headers } = readExportFixture('shopify-customers.csv');
    const trimmed = headers.filter((header) => !['Tax Exempt', 'Total Orders'].includes(header));
    const detected = detectSource(trimmed);
    expect(detected?.preset.label).toBe('Shopify — customers export');
    expect(detected?.score).toBeCloseTo(9 / 11, 3);
  });

  it('does not take a home-made list for a system export', () => {
    expect(detectSource(['First Name', 'Last Name', 'Email', 'Phone Number'])).toBeNull();
    expect(detectSource(['Jina', 'Simu', 'Deni'])).toBeNull();
    expect(detectSource(['Receipt No', 'Date', 'Amount'])).toBeNull();
    expect(detectSource([])).toBeNull();
  });

  it('ignores case, spacing and punctuation in headers', () => {
    const headers = [
      'receipt no',
      'COMPLETION TIME',
      'details',
      'Transaction_Status',
      'paid in',
      'withdrawn',
      'balance',
    ];
    expect(detectSource(headers)?.preset.system).toBe('mpesa-personal');
  });
});

describe('detectEntity', () => {
  it('reads the entity from Swahili headers', () => {
    expect(detectEntity(['Jina', 'Simu', 'Barua pepe', 'Mji']).entity).toBe('customers');
    expect(detectEntity(['Bidhaa', 'Bei', 'Idadi', 'Kategoria']).entity).toBe('products');
    expect(detectEntity(['Namba ya ankara', 'Mteja', 'Tarehe', 'Jumla', 'Deni']).entity).toBe('invoices');
    expect(detectEntity(['Risiti', 'Tarehe', 'Kiasi', 'Jina', 'Njia ya malipo']).entity).toBe('payments');
    expect(detectEntity(['Tarehe', 'Maelezo', 'Kiasi', 'Msambazaji']).entity).toBe('expenses');
  });

  it('reads stock counts per location as inventory, and campaign lists as leads', () => {
    expect(detectEntity(['SKU', 'Location', 'Qty']).entity).toBe('inventory');
    expect(detectEntity(['Full Name', 'Phone', 'Lead Source', 'Campaign', 'Lead Status']).entity).toBe(
      'leads',
    );
  });

  it('is confident when the required fields are there and the others trail', () => {
    const clear = detectEntity(['Invoice No', 'Customer', 'Invoice Date', 'Due Date', 'Total', 'Balance']);
    expect(clear.entity).toBe('invoices');
    expect(clear.confidence).toBeGreaterThan(0.7);
    const vague = detectEntity(['Rangi', 'Ukubwa']);
    expect(vague.confidence).toBeLessThan(0.3);
  });

  it('takes the entity of a recognised export', () => {
    const { headers, samples } = readExportFixture('shopify-orders.csv');
    expect(detectEntity(headers, samples)).toEqual({ entity: 'invoices', confidence: 1 });
  });

  it('is deterministic', () => {
    const headers = ['Name', 'Phone', 'Email', 'Notes'];
    expect(detectEntity(headers)).toEqual(detectEntity(headers));
    expect(detectEntity(headers).entity).toBe('customers');
  });
});

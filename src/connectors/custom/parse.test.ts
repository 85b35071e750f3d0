import { describe, expect, it } from 'vitest';
import type { ParsedWebhook, WebhookInput } from '../define.ts';
import { customConfig, customWebhook } from './index.ts';

const config = customConfig.parse({ signingSecret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
const handler = customWebhook.webhook ?? expect.unreachable();

function input(body: unknown): WebhookInput {
  return {
    headers: new Headers({
      'webhook-id': 'msg_1',
      'webhook-timestamp': '1795424400',
      'webhook-signature': 'v1,x',
    }),
    body: new TextEncoder().encode(JSON.stringify(body)),
    subpath: [],
  };
}

const parse = async (body: unknown): Promise<ParsedWebhook> => handler.parse(config, input(body));

async function failure(
  body: unknown,
): Promise<{ message: string; issues: { path: string; message: string }[] }> {
  try {
    await parse(body);
  } catch (error) {
    const { message, details } = error as {
      message: string;
      details: { issues: { path: string; message: string }[] };
    };
    return { message, issues: details.issues };
  }
  throw new Error('expected the body to be refused');
}

describe('custom webhook types to canonical records', () => {
  it('sale.completed: a completed order, money exact, line totals computed', async () => {
    const parsed = await parse({
      type: 'sale.completed',
      data: {
        id: 'S-1001',
        customer: { id: 'C-7', full_name: 'Amina Juma', phone: '0712 345 678' },
        ordered_at: '2026-11-23T11:45:00+03:00',
        currency: 'tzs',
        lines: [
          { sku: 'KNG-01', description: 'Kanga', quantity: 2, unit_price: '1000000' },
          { sku: 'SOAP', quantity: 4, unit_price: 100000.5 },
        ],
        updated_at: '2026-11-23T08:46:00Z',
      },
    });
    expect(parsed).toMatchObject({ eventId: 'msg_1', topic: 'sale.completed' });
    expect(parsed.records).toEqual([
      expect.objectContaining({
        entity: 'order',
        externalId: 'S-1001',
        changedAt: new Date('2026-11-23T08:46:00Z'),
        fields: {
          number: 'S-1001',
          ordered_at: new Date('2026-11-23T08:45:00Z'),
          total: 240000200,
          currency: 'TZS',
          status: 'completed',
          customer: { externalId: 'C-7', full_name: 'Amina Juma', email: null, phone: '0712 345 678' },
          lines: [
            { sku: 'KNG-01', description: 'Kanga', quantity: 2, unit_price: 100000000, total: 200000000 },
            { sku: 'SOAP', description: 'SOAP', quantity: 4, unit_price: 10000050, total: 40000200 },
          ],
        },
      }),
    ]);
  });

  it('order.created, order.updated and order.completed set the status', async () => {
    const order = {
      id: 9,
      number: 'W-9',
      ordered_at: '2026-11-23T09:00:00Z',
      total: 1200.5,
      currency: 'KES',
    };
    const created = await parse({ type: 'order.created', data: order });
    expect(created.records[0]).toMatchObject({
      externalId: '9',
      fields: { number: 'W-9', total: 120050, status: 'open', lines: [], customer: null },
    });
    const updated = await parse({ type: 'order.updated', data: { ...order, status: 'refunded' } });
    expect(updated.records[0]?.fields).toMatchObject({ status: 'refunded' });
    const completed = await parse({ type: 'order.completed', data: order });
    expect(completed.records[0]?.fields).toMatchObject({ status: 'completed' });
  });

  it('customer.upserted', async () => {
    const parsed = await parse({
      type: 'customer.upserted',
      data: {
        id: 'C-7',
        first_name: 'Amina',
        last_name: 'Juma',
        phone: '0712 345 678',
        city: 'Arusha',
        tags: ['wholesale'],
      },
    });
    expect(parsed.records[0]).toEqual({
      entity: 'customer',
      externalId: 'C-7',
      changedAt: null,
      fields: {
        full_name: 'Amina Juma',
        first_name: 'Amina',
        last_name: 'Juma',
        phone: '0712 345 678',
        email: null,
        company: null,
        street: null,
        city: 'Arusha',
        region: null,
        postal_code: null,
        country: null,
        tags: ['wholesale'],
        notes: null,
      },
      raw: expect.objectContaining({ id: 'C-7' }),
    });
  });

  it('product.upserted, in UGX without minor units', async () => {
    const parsed = await parse({
      type: 'product.upserted',
      data: {
        id: 31,
        sku: 'KNG-01',
        name: 'Kanga',
        price: '15000',
        cost: 9000,
        currency: 'UGX',
        stock_qty: 12,
        reorder_level: 5,
        unit: 'piece',
      },
    });
    expect(parsed.records[0]).toMatchObject({
      entity: 'product',
      externalId: '31',
      fields: {
        name: 'Kanga',
        sku: 'KNG-01',
        price: 15000,
        cost: 9000,
        currency: 'UGX',
        stock_qty: 12,
        reorder_level: 5,
        unit: 'piece',
      },
    });
  });

  it('payment.received', async () => {
    const parsed = await parse({
      type: 'payment.received',
      data: {
        id: 'P-1',
        reference: 'QK81XYZ',
        payer_name: 'JOHN DOE',
        amount: '2400000',
        currency: 'TZS',
        paid_at: '2026-11-23T09:00:00Z',
        method: 'M-Pesa',
        invoice_number: 'INV-42',
      },
    });
    expect(parsed.records[0]).toMatchObject({
      entity: 'payment',
      externalId: 'P-1',
      fields: {
        reference: 'QK81XYZ',
        amount: 240000000,
        currency: 'TZS',
        paid_at: new Date('2026-11-23T09:00:00Z'),
        method: 'M-Pesa',
        invoice_number: 'INV-42',
      },
    });
  });

  it('stock.updated, with a default location and id', async () => {
    const parsed = await parse({
      type: 'stock.updated',
      data: [
        { sku: 'KNG-01', qty: 12 },
        { id: 'L-2', sku: 'SOAP', location: 'Kariakoo', qty: 0 },
      ],
    });
    expect(parsed.records).toEqual([
      expect.objectContaining({
        entity: 'inventory',
        externalId: 'KNG-01@main',
        fields: { sku: 'KNG-01', location: 'main', qty: 12 },
      }),
      expect.objectContaining({
        entity: 'inventory',
        externalId: 'L-2',
        fields: { sku: 'SOAP', location: 'Kariakoo', qty: 0 },
      }),
    ]);
  });

  it('*.deleted: deleted records', async () => {
    const parsed = await parse({ type: 'order.deleted', data: [{ id: 'S-1' }, { id: 2 }] });
    expect(parsed.records).toEqual([
      { entity: 'order', externalId: 'S-1', deleted: true },
      { entity: 'order', externalId: '2', deleted: true },
    ]);
  });

  it('a batch of 500 customers', async () => {
    const data = Array.from({ length: 500 }, (_, index) => ({
      id: index + 1,
      full_name: `Customer ${index + 1}`,
    }));
    const parsed = await parse({ type: 'customer.upserted', data });
    expect(parsed.records).toHaveLength(500);
    expect(parsed.records[499]?.externalId).toBe('500');
  });
});

describe('custom webhook errors name each bad field', () => {
  it('refuses an unknown type and a missing data', async () => {
    const { message, issues } = await failure({ type: 'sale.done' });
    expect(message).toMatch(/^The body does not match the custom webhook schema: /);
    expect(issues).toEqual([
      { path: 'type', message: expect.stringContaining('one of order.created, order.updated') },
      { path: 'data', message: 'a record, or a list of up to 500 records' },
    ]);
  });

  it('lists every problem of a batch with its path', async () => {
    const { issues } = await failure({
      type: 'sale.completed',
      data: [
        { id: 'S-1', ordered_at: '2026-11-23T09:00:00Z', total: '100', currency: 'KES' },
        {
          ordered_at: '23/11/2026',
          total: '12,000',
          currency: 'KSH',
          lines: [{ quantity: 0, unit_price: '5' }],
        },
        { id: 'S-3', ordered_at: '2026-11-23T09:00:00Z', total: '10.005', currency: 'KES', status: 'open' },
      ],
    });
    expect(issues).toEqual([
      { path: 'data[1].id', message: 'the record’s id in your system: text or a whole number' },
      { path: 'data[1].ordered_at', message: expect.stringContaining('ISO 8601') },
      { path: 'data[1].total', message: expect.stringContaining('decimal string') },
      { path: 'data[1].currency', message: expect.stringContaining('ISO 4217') },
      { path: 'data[1].lines[0].quantity', message: 'more than 0' },
      { path: 'data[1].lines[0].description', message: 'each line needs a description or a sku' },
      { path: 'data[2].total', message: 'KES amounts have at most 2 decimals' },
    ]);
  });

  it('keeps the status an event type promises', async () => {
    const order = { id: 1, ordered_at: '2026-11-23T09:00:00Z', total: 5, currency: 'KES' };
    expect((await failure({ type: 'order.completed', data: { ...order, status: 'open' } })).issues).toEqual([
      { path: 'data.status', message: 'a order.completed order is completed' },
    ]);
    expect((await failure({ type: 'order.updated', data: order })).issues).toEqual([
      { path: 'data.status', message: 'order.updated needs the order’s status' },
    ]);
  });

  it('refuses an empty batch, one over 500, and a customer without a name', async () => {
    expect((await failure({ type: 'customer.upserted', data: [] })).issues[0]?.path).toBe('data');
    const big = Array.from({ length: 501 }, (_, index) => ({ id: index, full_name: 'x' }));
    expect((await failure({ type: 'customer.upserted', data: big })).issues[0]?.message).toContain('501');
    expect((await failure({ type: 'customer.upserted', data: { id: 1, phone: '0712' } })).issues).toEqual([
      { path: 'data.full_name', message: 'a customer needs full_name, or first_name and last_name' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { wooFixture } from '../../../tests/support/vendors/woocommerce.ts';
import { gmt, mapCustomer, mapOrder, mapProduct, mapVariation } from './map.ts';
import { wooCustomer, wooOrder, wooProduct, wooVariation } from './schemas.ts';

// Parsing throws for a missing fixture, so each helper returns a real payload.
const order = (index: number) => wooOrder.parse(wooFixture('orders')[index]);
const customer = (index: number) => wooCustomer.parse(wooFixture('customers')[index]);
const product = (index: number) => wooProduct.parse(wooFixture('products')[index]);
const variation = (index: number) => wooVariation.parse(wooFixture('variations')['32']?.[index]);

describe('WooCommerce orders', () => {
  it('turns money strings into exact minor units of the order currency', () => {
    const [kes, tzs, ugx] = [0, 1, 2].map((index) => mapOrder(order(index)));
    expect(kes?.fields).toMatchObject({ total: 275600, currency: 'KES' });
    expect(kes?.fields.lines).toEqual([
      { sku: 'KNG-01', description: 'Kanga (Red)', quantity: 2, unit_price: 125050, total: 250100 },
      // price is a float (55 / 3): rounded to the cent, the line total stays exact.
      { sku: null, description: 'Soap bar', quantity: 3, unit_price: 1833, total: 5500 },
    ]);
    expect(tzs?.fields.total).toBe(240000000);
    // UGX has no minor unit.
    expect(ugx?.fields).toMatchObject({ total: 150000, currency: 'UGX' });
  });

  it('reads *_gmt dates as UTC', () => {
    const record = mapOrder(order(0));
    expect(record?.fields.ordered_at).toEqual(new Date('2026-11-20T07:15:00Z'));
    expect(record?.changedAt).toEqual(new Date('2026-11-20T08:00:00Z'));
    expect(gmt('2026-11-20T07:15:00+03:00')).toEqual(new Date('2026-11-20T04:15:00Z'));
    expect(gmt('')).toBeNull();
  });

  it('maps every WooCommerce status, and skips checkout drafts', () => {
    const statusOf = (status: string) => mapOrder({ ...order(0), status })?.fields.status;
    expect(['pending', 'processing', 'on-hold'].map(statusOf)).toEqual(['open', 'open', 'open']);
    expect(statusOf('completed')).toBe('completed');
    expect(['cancelled', 'failed', 'trash'].map(statusOf)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(statusOf('refunded')).toBe('refunded');
    expect(statusOf('shipped')).toBe('open');
    expect(mapOrder(order(4))).toBeNull();
  });

  it('names a registered customer by id and a guest by billing details only', () => {
    expect(mapOrder(order(0))?.fields.customer).toEqual({
      externalId: '26',
      full_name: 'Amina Juma',
      email: 'amina@example.co.ke',
      phone: '0712 345 678',
    });
    expect(mapOrder(order(1))?.fields.customer).toEqual({
      externalId: null,
      full_name: 'Baraka Mwita',
      email: 'baraka@example.co.tz',
      phone: '+255 754 000 111',
    });
  });
});

describe('WooCommerce customers', () => {
  it('maps names, contacts and the billing address', () => {
    expect(mapCustomer(customer(0))).toMatchObject({
      externalId: '26',
      changedAt: new Date('2026-11-20T07:16:02Z'),
      fields: {
        full_name: 'Amina Juma',
        first_name: 'Amina',
        last_name: 'Juma',
        phone: '0712 345 678',
        email: 'amina@example.co.ke',
        street: 'Moi Avenue 12',
        city: 'Nairobi',
        region: 'Nairobi',
        postal_code: '00100',
        country: 'KE',
      },
    });
  });

  it('falls back to billing names and email, then to the shipping address', () => {
    expect(mapCustomer(customer(1)).fields).toMatchObject({
      full_name: 'Grace Wanjiku',
      company: 'Wanjiku Traders',
      email: 'grace@wanjiku.co.ke',
      phone: '+254 722 111 222',
    });
    expect(mapCustomer(customer(2)).fields).toMatchObject({
      full_name: 'neema@example.com',
      phone: null,
      city: 'Arusha',
      street: 'Uhuru St',
      country: 'TZ',
    });
  });
});

describe('WooCommerce products', () => {
  it('maps simple products in the shop currency; containers are not products', () => {
    const [kanga, tshirt, gift, soap] = [product(0), product(1), product(2), product(3)];
    expect(mapProduct(kanga, 'KES')).toMatchObject({
      externalId: '31',
      fields: {
        name: 'Kanga (Red)',
        sku: 'KNG-01',
        price: 125050,
        currency: 'KES',
        stock_qty: 40,
        category: 'Textiles',
        description: 'Cotton kanga, red',
        barcode: '6001234567890',
      },
    });
    expect(mapProduct(tshirt, 'KES')).toBeNull();
    expect(mapProduct(gift, 'KES')).toBeNull();
    expect(mapProduct(soap, 'KES')?.fields).toMatchObject({
      price: null,
      sku: null,
      category: null,
      stock_qty: null,
    });
  });

  it('maps variations with their parent name and category, without borrowing its SKU', () => {
    const [medium, large] = [0, 1].map((index) => mapVariation(variation(index), product(1), 'KES'));
    expect(medium).toMatchObject({
      externalId: '41',
      fields: { name: 'T-shirt - M', sku: 'TS-M', price: 80000, stock_qty: 5, category: 'Clothing' },
    });
    expect(large).toMatchObject({
      externalId: '42',
      fields: { name: 'T-shirt - L', sku: null, price: 85000, stock_qty: 0 },
    });
  });
});

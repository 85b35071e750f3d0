import { describe, expect, it } from 'vitest';
import { detectEntity, detectSource, mapColumns, presets } from './index.ts';
import { looksLikeStub, readExportFixture } from './test-support.ts';

interface Case {
  file: string;
  label: string;
  /** Header → the field its column must get (null: deliberately not imported). */
  expect: Record<string, string | null>;
}

const cases: Case[] = [
  {
    file: 'shopify-customers.csv',
    label: 'Shopify — customers export',
    expect: {
      'First Name': 'first_name',
      'Last Name': 'last_name',
      Email: 'email',
      Phone: 'phone',
      'Default Address City': 'city',
      'Default Address Country Code': 'country',
      'Accepts Email Marketing': null,
      'Accepts SMS Marketing': null,
      Tags: 'tags',
    },
  },
  {
    file: 'shopify-products.csv',
    label: 'Shopify — products export',
    expect: {
      Title: 'name',
      'Variant SKU': 'sku',
      'Variant Price': 'price',
      'Cost per item': 'cost',
      'Variant Inventory Qty': 'stock_qty',
      'Variant Barcode': 'barcode',
      'Variant Compare At Price': null,
    },
  },
  {
    file: 'shopify-orders.csv',
    label: 'Shopify — orders export',
    expect: {
      Name: 'number',
      'Billing Name': 'customer',
      'Created at': 'issue_date',
      Total: 'total',
      'Outstanding Balance': 'balance',
      Currency: 'currency',
      'Financial Status': 'status',
      'Lineitem price': null,
    },
  },
  {
    file: 'woocommerce-customers.csv',
    label: 'WooCommerce — Analytics › Customers download',
    expect: {
      Name: 'full_name',
      Email: 'email',
      'Country / Region': 'country',
      City: 'city',
      'Total spend': null,
    },
  },
  {
    file: 'woocommerce-products.csv',
    label: 'WooCommerce — products CSV export',
    expect: {
      SKU: 'sku',
      Name: 'name',
      'Regular price': 'price',
      'Sale price': null,
      Stock: 'stock_qty',
      'In stock?': null,
      Categories: 'category',
      'GTIN, UPC, EAN, or ISBN': 'barcode',
    },
  },
  {
    file: 'woocommerce-orders.csv',
    label: 'WooCommerce — Analytics › Orders download',
    expect: {
      'Order #': 'number',
      Date: 'issue_date',
      Customer: 'customer',
      'Net sales': 'total',
      Status: 'status',
    },
  },
  {
    file: 'quickbooks-online-customers.csv',
    label: 'QuickBooks Online — Customer Contact List report',
    expect: {
      Customer: 'full_name',
      'Phone Numbers': 'phone',
      Email: 'email',
      'Billing Address': 'street',
      'Full Name': null,
    },
  },
  {
    file: 'quickbooks-online-customers-modern.csv',
    label: 'QuickBooks Online — Customer Contact List report (new reports)',
    expect: {
      'Customer full name': 'full_name',
      'Phone numbers': 'phone',
      Email: 'email',
      'Bill address': 'street',
    },
  },
  {
    file: 'quickbooks-online-products.csv',
    label: 'QuickBooks Online — products and services list export',
    expect: {
      'Product/Service Name': 'name',
      SKU: 'sku',
      'Sales Price / Rate': 'price',
      'Purchase Cost': 'cost',
      'Quantity On Hand': 'stock_qty',
      'Reorder Point': 'reorder_level',
    },
  },
  {
    file: 'quickbooks-online-invoices.csv',
    label: 'QuickBooks Online — Invoice List / Open Invoices report',
    expect: {
      Num: 'number',
      Customer: 'customer',
      Date: 'issue_date',
      'Due Date': 'due_date',
      Amount: 'total',
      'Open Balance': 'balance',
    },
  },
  {
    file: 'quickbooks-online-transactions.csv',
    label: 'QuickBooks Online — Transaction List by Date report',
    expect: {
      Date: 'date',
      Name: 'vendor',
      'Memo/Description': 'description',
      Split: 'category',
      Amount: 'amount',
    },
  },
  {
    file: 'xero-contacts.csv',
    label: 'Xero — contacts export',
    expect: {
      '*ContactName': 'full_name',
      EmailAddress: 'email',
      MobileNumber: 'phone',
      POCity: 'city',
      PhoneNumber: null,
    },
  },
  {
    file: 'xero-invoices.csv',
    label: 'Xero — invoices export',
    expect: {
      InvoiceNumber: 'number',
      ContactName: 'customer',
      InvoiceDate: 'issue_date',
      DueDate: 'due_date',
      Total: 'total',
      InvoiceAmountPaid: 'amount_paid',
      InvoiceAmountDue: 'balance',
      LineAmount: null,
    },
  },
  {
    file: 'zoho-books-contacts.csv',
    label: 'Zoho Books — contacts export',
    expect: { 'Display Name': 'full_name', EmailID: 'email', MobilePhone: 'phone', 'Billing City': 'city' },
  },
  {
    file: 'zoho-books-items.csv',
    label: 'Zoho Books — items export',
    expect: {
      'Item Name': 'name',
      SKU: 'sku',
      Rate: 'price',
      'Purchase Rate': 'cost',
      'Stock On Hand': 'stock_qty',
      'Opening Stock': null,
      'Usage unit': 'unit',
    },
  },
  {
    file: 'zoho-books-invoices.csv',
    label: 'Zoho Books — invoices export',
    expect: {
      'Invoice Number': 'number',
      'Customer Name': 'customer',
      'Invoice Date': 'issue_date',
      Total: 'total',
      Balance: 'balance',
      'Item Total': null,
    },
  },
  {
    file: 'salesforce-contacts.csv',
    label: 'Salesforce — Contacts & Accounts report',
    expect: {
      'First Name': 'first_name',
      'Last Name': 'last_name',
      Email: 'email',
      Mobile: 'phone',
      'Account Name': 'company',
      'Mailing City': 'city',
    },
  },
  {
    file: 'salesforce-leads.csv',
    label: 'Salesforce — Leads report',
    expect: {
      'First Name': 'first_name',
      Email: 'email',
      Mobile: 'phone',
      'Lead Source': 'source',
      'Lead Status': 'status',
      'Company / Account': 'company',
      Rating: null,
    },
  },
  {
    file: 'hubspot-contacts.csv',
    label: 'HubSpot — contacts export',
    expect: {
      'First Name': 'first_name',
      Email: 'email',
      'Phone Number': 'phone',
      'Lead Status': 'status',
      'Original Source': 'source',
    },
  },
  {
    file: 'google-contacts.csv',
    label: 'Google Contacts — Google CSV export',
    expect: {
      'First Name': 'first_name',
      'Last Name': 'last_name',
      'E-mail 1 - Value': 'email',
      'E-mail 1 - Label': null,
      'Phone 1 - Value': 'phone',
      'Organization Name': 'company',
    },
  },
  {
    file: 'outlook-contacts.csv',
    label: 'Outlook — contacts CSV export',
    expect: {
      'First Name': 'first_name',
      'E-mail Address': 'email',
      'Mobile Phone': 'phone',
      Company: 'company',
      'Business City': 'city',
      'Home City': null,
    },
  },
  {
    file: 'odoo-contacts.csv',
    label: 'Odoo — contacts (res.partner) export',
    expect: { Name: 'full_name', Email: 'email', Phone: 'phone', City: 'city', 'Related Company': 'company' },
  },
  {
    file: 'odoo-products.csv',
    label: 'Odoo — products (product.template) export',
    expect: {
      Name: 'name',
      'Internal Reference': 'sku',
      'Sales Price': 'price',
      Cost: 'cost',
      'Quantity On Hand': 'stock_qty',
      Barcode: 'barcode',
    },
  },
  {
    file: 'lightspeed-x-customers.csv',
    label: 'Lightspeed Retail (X-Series) — customers export',
    expect: {
      first_name: 'first_name',
      last_name: 'last_name',
      email: 'email',
      mobile: 'phone',
      physical_city: 'city',
    },
  },
  {
    file: 'lightspeed-x-products.csv',
    label: 'Lightspeed Retail (X-Series) — products export',
    expect: {
      sku: 'sku',
      name: 'name',
      retail_price: 'price',
      supply_price: 'cost',
      inventory_Main_Outlet: 'stock_qty',
    },
  },
  {
    file: 'mpesa-business-statement.csv',
    label: 'M-PESA business statement (organisation portal)',
    expect: {
      'Receipt No.': 'reference',
      'Completion Time': 'paid_at',
      'Paid In': 'amount',
      Withdrawn: null,
      Balance: null,
      'Other Party Info': 'payer_name',
      'A/C No.': 'invoice_number',
      Details: null,
    },
  },
  {
    file: 'mpesa-personal-statement.csv',
    label: 'M-PESA personal statement',
    expect: {
      'Receipt No': 'reference',
      'Completion Time': 'paid_at',
      'Paid In': 'amount',
      Details: 'payer_name',
      Withdrawn: null,
    },
  },
];

describe('source presets against their export fixtures', () => {
  it('has a fixture for every preset', () => {
    expect(new Set(cases.map((c) => c.label))).toEqual(new Set(presets.map((p) => p.label)));
  });

  for (const { file, label, expect: expected } of cases) {
    it(`${file}: recognised as ${label} and its key columns mapped`, () => {
      const { headers, rows, samples } = readExportFixture(file);
      expect(rows.length).toBeGreaterThanOrEqual(3);
      for (const row of rows) expect(row).toHaveLength(headers.length);

      const detected = detectSource(headers);
      expect(detected?.preset.label).toBe(label);
      expect(detected?.score).toBe(1);
      const preset = detected?.preset;
      if (!preset) return;
      expect(detectEntity(headers, samples).entity).toBe(preset.entity);

      const mapping = mapColumns(preset.entity, headers, samples, { preset, looksLike: looksLikeStub });
      const byHeader = Object.fromEntries(mapping.map((column) => [column.column, column]));
      for (const [header, field] of Object.entries(expected)) {
        expect(byHeader[header]?.field, header).toBe(field);
        expect(byHeader[header]?.reason, header).toBe('preset');
      }
    });
  }
});

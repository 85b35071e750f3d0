/**
 * QuickBooks Online report exports (Reports → Export to Excel/CSV) and the products and services
 * list export. Report exports start with title lines (company, report name, period) above the header
 * and end with a timestamp line; the reader skips those.
 */
import type { SourcePreset } from './types.ts';

export const quickbooksCustomers: SourcePreset = {
  system: 'quickbooks-online',
  label: 'QuickBooks Online — Customer Contact List report',
  entity: 'customers',
  headers: ['Customer', 'Phone Numbers', 'Email', 'Full Name', 'Billing Address', 'Shipping Address'],
  mapping: {
    Customer: 'full_name',
    'Phone Numbers': 'phone',
    Email: 'email',
    'Full Name': null,
    'Billing Address': 'street',
    'Shipping Address': null,
    'Open Balance': null,
    Company: 'company',
  },
  notes:
    '"Customer" is the display name (a business or a person) and becomes the full name; "Full Name" is the contact ' +
    'person and is often empty. "Phone Numbers" can hold several numbers with labels ("Phone: … Mobile: …") and ' +
    'the address is one cell with line breaks: the pipeline keeps the first number and the whole address as street.',
  rowShape: 'one-per-record',
  evidence: {
    status: 'confirmed',
    source:
      'Classic report layout in several public QuickBooks importers and test fixtures ("Customer,Phone Numbers,' +
      'Email,Full Name,Billing Address"); columns can be customised in the report, so optional ones vary.',
  },
};

export const quickbooksCustomersModern: SourcePreset = {
  system: 'quickbooks-online',
  label: 'QuickBooks Online — Customer Contact List report (new reports)',
  entity: 'customers',
  headers: ['Customer full name', 'Phone numbers', 'Email', 'Full name', 'Bill address', 'Ship address'],
  mapping: {
    'Customer full name': 'full_name',
    'Phone numbers': 'phone',
    Email: 'email',
    'Full name': null,
    'Bill address': 'street',
    'Ship address': null,
    Company: 'company',
    'Created on': null,
  },
  notes:
    'The redesigned report names the same columns differently; see the classic preset for the cell formats.',
  rowShape: 'one-per-record',
  evidence: {
    status: 'confirmed',
    source:
      'Public QuickBooks migration scripts and tests that read the new "Customer Contact List" export ("Customer ' +
      'full name,Phone numbers,Email,Full name,Bill address,Ship address").',
  },
};

const productHeaders = [
  'Product/Service Name',
  'Sales Description',
  'SKU',
  'Type',
  'Sales Price / Rate',
  'Taxable',
  'Income Account',
  'Purchase Description',
  'Purchase Cost',
  'Expense Account',
  'Quantity On Hand',
  'Reorder Point',
  'Inventory Asset Account',
  'Quantity as-of Date',
];

export const quickbooksProducts: SourcePreset = {
  system: 'quickbooks-online',
  label: 'QuickBooks Online — products and services list export',
  entity: 'products',
  headers: productHeaders,
  mapping: {
    ...Object.fromEntries(productHeaders.map((header) => [header, null])),
    'Product/Service Name': 'name',
    'Sales Description': 'description',
    SKU: 'sku',
    'Sales Price / Rate': 'price',
    'Purchase Cost': 'cost',
    'Quantity On Hand': 'stock_qty',
    'Reorder Point': 'reorder_level',
  },
  notes:
    'Names of items in a category are written "Category:Item"; the pipeline may split them. Type is Inventory, ' +
    'Non-inventory or Service: quantities only mean something for Inventory. Taxable is a yes/no flag.',
  rowShape: 'one-per-record',
  signature: [
    'Product/Service Name',
    'Sales Description',
    'SKU',
    'Type',
    'Sales Price / Rate',
    'Income Account',
    'Purchase Cost',
  ],
  evidence: {
    status: 'confirmed',
    source:
      'Same 14-column header in public code reading QuickBooks products exports (an Angular report exporter, a ' +
      'Node importer, a Python inventory script); field meanings from the QuickBooks Online help "Which products ' +
      'and services fields are imported?".',
  },
};

export const quickbooksInvoices: SourcePreset = {
  system: 'quickbooks-online',
  label: 'QuickBooks Online — Invoice List / Open Invoices report',
  entity: 'invoices',
  headers: ['Date', 'Num', 'Customer', 'Due Date', 'Amount', 'Open Balance'],
  mapping: {
    Date: 'issue_date',
    Num: 'number',
    'No.': 'number',
    Customer: 'customer',
    'Due Date': 'due_date',
    Amount: 'total',
    'Open Balance': 'balance',
    'Transaction Type': null,
    'Memo/Description': null,
    Term: null,
    Terms: null,
  },
  notes:
    'Best evidence, not confirmed against a QuickBooks file: the default columns of the Invoice List and Open ' +
    'Invoices reports as public importers reproduce them. Report columns can be added or removed, and a total ' +
    "row closes the file. Dates follow the company's date setting (US companies write month first).",
  rowShape: 'one-per-record',
  evidence: {
    status: 'partial',
    source:
      'Public test fixtures of QuickBooks "Open Invoices" / invoice list exports ("Date,Num,Customer,Due Date,' +
      'Amount,Open Balance"); Intuit\'s own column list was not available.',
  },
};

export const quickbooksTransactions: SourcePreset = {
  system: 'quickbooks-online',
  label: 'QuickBooks Online — Transaction List by Date report',
  // The one QuickBooks list that carries spending; the other transaction types are filtered out.
  entity: 'expenses',
  headers: ['Date', 'Transaction Type', 'Num', 'Name', 'Memo/Description', 'Account', 'Split', 'Amount'],
  mapping: {
    Date: 'date',
    'Transaction Type': null,
    Num: null,
    Posting: null,
    Name: 'vendor',
    'Memo/Description': 'description',
    Account: null,
    Split: 'category',
    Amount: 'amount',
  },
  notes:
    'Mixes every transaction type: only rows of type Expense, Cheque/Check and Bill (Bill Payment excluded) are ' +
    'spending. For those "Split" is the expense account (the category) and "Account" the bank or card paid from; ' +
    'amounts of money going out may be negative. Best evidence: default columns as public QuickBooks report ' +
    'parsers read them; "Posting" appears in some versions.',
  rowShape: 'one-per-record',
  signature: ['Date', 'Transaction Type', 'Num', 'Name', 'Memo/Description', 'Account', 'Split', 'Amount'],
  evidence: {
    status: 'partial',
    source:
      'Public QuickBooks report parsers and import templates using "Date,Transaction Type,Num,Name,Memo/' +
      'Description,Account,Split,Amount"; not checked against an Intuit-published column list.',
  },
};

/**
 * The canonical fields of each import entity (DESIGN.md §3) with their value types, which of them a
 * mapping must supply, and labels for people in English and Swahili.
 */
import type { FieldSpec, FieldType, ImportEntity } from '../types.ts';

const spec = (name: string, type: FieldType, required = false): FieldSpec =>
  required ? { name, type, required } : { name, type };

/**
 * Fields per entity, in display order. `required` marks fields every import of the entity needs;
 * where the need is one of several fields (a customer's name), see {@link requiredFieldGroups}.
 */
export const entityFields: Record<ImportEntity, FieldSpec[]> = {
  customers: [
    spec('full_name', 'name'),
    spec('first_name', 'name'),
    spec('last_name', 'name'),
    spec('phone', 'phone'),
    spec('email', 'email'),
    spec('company', 'text'),
    spec('street', 'text'),
    spec('city', 'text'),
    spec('region', 'text'),
    spec('postal_code', 'text'),
    spec('country', 'country'),
    spec('tags', 'text'),
    spec('notes', 'text'),
  ],
  products: [
    spec('sku', 'id'),
    spec('name', 'text', true),
    spec('description', 'text'),
    spec('category', 'text'),
    spec('price', 'money'),
    spec('cost', 'money'),
    spec('currency', 'currency'),
    spec('stock_qty', 'number'),
    spec('reorder_level', 'number'),
    spec('barcode', 'id'),
    spec('unit', 'text'),
  ],
  invoices: [
    spec('number', 'id', true),
    // Text, not name: an invoice's customer is as often a business or an account code as a person.
    spec('customer', 'text'),
    spec('issue_date', 'date', true),
    spec('due_date', 'date'),
    spec('total', 'money', true),
    spec('amount_paid', 'money'),
    spec('balance', 'money'),
    spec('currency', 'currency'),
    spec('status', 'text'),
  ],
  payments: [
    spec('reference', 'id'),
    spec('payer_name', 'name'),
    spec('phone', 'phone'),
    spec('amount', 'money', true),
    spec('currency', 'currency'),
    spec('paid_at', 'datetime', true),
    spec('method', 'text'),
    spec('invoice_number', 'id'),
  ],
  inventory: [spec('sku', 'id', true), spec('location', 'text'), spec('qty', 'number', true)],
  expenses: [
    spec('date', 'date', true),
    spec('category', 'text'),
    spec('description', 'text'),
    spec('amount', 'money', true),
    spec('currency', 'currency'),
    spec('vendor', 'text'),
  ],
  leads: [
    spec('full_name', 'name'),
    spec('first_name', 'name'),
    spec('last_name', 'name'),
    spec('email', 'email'),
    spec('phone', 'phone'),
    spec('company', 'text'),
    spec('source', 'text'),
    spec('campaign', 'text'),
    spec('status', 'text'),
    spec('score', 'number'),
  ],
};

/**
 * What a mapping must cover, per entity, as alternatives: the mapping is complete when every field
 * of at least one group has a column. A customer needs a full name or a first and a last name (a
 * phone or an email is welcome but not needed); a lead needs any way to tell who it is.
 */
export const requiredFieldGroups: Record<ImportEntity, string[][]> = {
  customers: [['full_name'], ['first_name', 'last_name']],
  products: [['name']],
  invoices: [['number', 'total', 'issue_date']],
  payments: [['amount', 'paid_at']],
  inventory: [['sku', 'qty']],
  expenses: [['date', 'amount']],
  leads: [['full_name'], ['email'], ['phone']],
};

/**
 * The fields still needed for the mapping to be complete: empty when some group is covered,
 * otherwise the missing fields of the group closest to complete (fewest missing, then most already
 * mapped, then the first listed).
 */
export function missingRequired(entity: ImportEntity, mappedFields: Iterable<string | null>): string[] {
  const mapped = new Set([...mappedFields].filter((field): field is string => field !== null));
  let best: { missing: string[]; present: number } | null = null;
  for (const group of requiredFieldGroups[entity]) {
    const missing = group.filter((field) => !mapped.has(field));
    if (missing.length === 0) return [];
    const present = group.length - missing.length;
    if (
      !best ||
      missing.length < best.missing.length ||
      (missing.length === best.missing.length && present > best.present)
    ) {
      best = { missing, present };
    }
  }
  return best?.missing ?? [];
}

/** Labels for people (mapping screens, chat), English and Swahili. */
export const fieldLabels: Record<string, { en: string; sw: string }> = {
  full_name: { en: 'Full name', sw: 'Jina kamili' },
  first_name: { en: 'First name', sw: 'Jina la kwanza' },
  last_name: { en: 'Last name', sw: 'Jina la ukoo' },
  phone: { en: 'Phone', sw: 'Namba ya simu' },
  email: { en: 'Email', sw: 'Barua pepe' },
  company: { en: 'Company', sw: 'Kampuni' },
  street: { en: 'Street address', sw: 'Anwani' },
  city: { en: 'City', sw: 'Mji' },
  region: { en: 'Region', sw: 'Mkoa' },
  postal_code: { en: 'Postal code', sw: 'Sanduku la posta' },
  country: { en: 'Country', sw: 'Nchi' },
  tags: { en: 'Tags', sw: 'Lebo' },
  notes: { en: 'Notes', sw: 'Maelezo' },
  sku: { en: 'SKU', sw: 'Msimbo wa bidhaa' },
  name: { en: 'Name', sw: 'Jina' },
  description: { en: 'Description', sw: 'Maelezo' },
  category: { en: 'Category', sw: 'Kategoria' },
  price: { en: 'Selling price', sw: 'Bei ya kuuza' },
  cost: { en: 'Cost price', sw: 'Bei ya kununua' },
  currency: { en: 'Currency', sw: 'Sarafu' },
  stock_qty: { en: 'Stock quantity', sw: 'Idadi iliyopo' },
  reorder_level: { en: 'Reorder level', sw: 'Kiwango cha kuagiza upya' },
  barcode: { en: 'Barcode', sw: 'Msimbopau' },
  unit: { en: 'Unit', sw: 'Kipimo' },
  number: { en: 'Invoice number', sw: 'Namba ya ankara' },
  customer: { en: 'Customer', sw: 'Mteja' },
  issue_date: { en: 'Issue date', sw: 'Tarehe ya ankara' },
  due_date: { en: 'Due date', sw: 'Tarehe ya mwisho ya kulipa' },
  total: { en: 'Total', sw: 'Jumla' },
  amount_paid: { en: 'Amount paid', sw: 'Kiasi kilicholipwa' },
  balance: { en: 'Balance', sw: 'Deni' },
  status: { en: 'Status', sw: 'Hali' },
  reference: { en: 'Reference', sw: 'Namba ya muamala' },
  payer_name: { en: 'Payer name', sw: 'Jina la mlipaji' },
  amount: { en: 'Amount', sw: 'Kiasi' },
  paid_at: { en: 'Paid at', sw: 'Tarehe ya malipo' },
  method: { en: 'Payment method', sw: 'Njia ya malipo' },
  invoice_number: { en: 'Invoice number', sw: 'Namba ya ankara' },
  location: { en: 'Location', sw: 'Mahali' },
  qty: { en: 'Quantity', sw: 'Idadi' },
  date: { en: 'Date', sw: 'Tarehe' },
  vendor: { en: 'Vendor', sw: 'Msambazaji' },
  source: { en: 'Source', sw: 'Chanzo' },
  campaign: { en: 'Campaign', sw: 'Kampeni' },
  score: { en: 'Score', sw: 'Alama' },
};

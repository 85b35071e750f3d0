/**
 * Header words, English and Swahili (as shops in Tanzania and Kenya write them), that name each
 * canonical field. The same word can name different fields in different entities:
 * "Tarehe" (date) is an invoice's issue date, a payment's time, an expense's date.
 */
import type { ImportEntity } from '../types.ts';
import { normaliseHeader } from './normalise.ts';

import {
  city,
  company,
  country,
  email,
  firstName,
  fullName,
  lastName,
  notes,
  personName,
  phone,
  postalCode,
  region,
  street,
  tags,
} from './words-people.ts';
import {
  amountPaid,
  balance,
  barcode,
  campaign,
  category,
  cost,
  currency,
  description,
  dueDate,
  expenseAmount,
  expenseCategory,
  expenseDate,
  expenseDescription,
  invoiceNumber,
  invoiceTotal,
  issueDate,
  leadSource,
  leadStatus,
  location,
  method,
  paidAt,
  payerName,
  paymentAmount,
  paymentInvoice,
  price,
  productName,
  quantity,
  reference,
  reorderLevel,
  score,
  sku,
  status,
  unit,
  vendor,
} from './words-trade.ts';

/** Synonyms per entity and field. Canonical names and English labels are the exact stage, not here. */
const table: Record<ImportEntity, Record<string, string[]>> = {
  customers: {
    full_name: [...fullName, ...personName],
    first_name: firstName,
    last_name: lastName,
    phone,
    email,
    company,
    street,
    city,
    region,
    postal_code: postalCode,
    country,
    tags,
    notes: [...notes, 'description'],
  },
  products: {
    sku,
    name: productName,
    description,
    category,
    price,
    cost,
    currency,
    stock_qty: quantity,
    reorder_level: reorderLevel,
    barcode,
    unit,
  },
  invoices: {
    number: invoiceNumber,
    customer: [
      ...personName,
      'bill to',
      'sold to',
      'party',
      'party name',
      'buyer',
      'contact',
      'contact name',
      'name',
      'jina',
    ],
    issue_date: issueDate,
    due_date: dueDate,
    total: invoiceTotal,
    amount_paid: amountPaid,
    balance,
    currency,
    status,
  },
  payments: {
    reference,
    payer_name: [...payerName, ...personName, 'name', 'jina'],
    phone,
    amount: paymentAmount,
    currency,
    paid_at: paidAt,
    method,
    invoice_number: paymentInvoice,
  },
  inventory: { sku, location, qty: quantity },
  expenses: {
    date: expenseDate,
    category: expenseCategory,
    description: expenseDescription,
    amount: expenseAmount,
    currency,
    vendor,
  },
  leads: {
    full_name: [...fullName, 'lead name', 'contact'],
    first_name: firstName,
    last_name: lastName,
    email,
    phone,
    company,
    source: leadSource,
    campaign,
    status: leadStatus,
    score,
  },
};

export interface Phrase {
  field: string;
  key: string;
}

const cache = new Map<ImportEntity, { byKey: Map<string, string>; phrases: Phrase[] }>();

/**
 * The normalised synonym phrases of an entity: a lookup by key (the first field listed for a phrase
 * wins, so the order above settles the rare word shared by two fields) and the full list for the
 * fuzzy stage.
 */
export function synonymIndex(entity: ImportEntity): { byKey: Map<string, string>; phrases: Phrase[] } {
  const cached = cache.get(entity);
  if (cached) return cached;
  const byKey = new Map<string, string>();
  const phrases: Phrase[] = [];
  for (const [field, words] of Object.entries(table[entity])) {
    for (const word of words) {
      const key = normaliseHeader(word);
      if (!byKey.has(key)) byKey.set(key, field);
      phrases.push({ field, key });
    }
  }
  const index = { byKey, phrases };
  cache.set(entity, index);
  return index;
}

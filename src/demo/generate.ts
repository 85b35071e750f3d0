/**
 * The demo business generator: a Tanzanian electronics shop with a year of trading, deterministic
 * for a seed and a "today". It streams rows in batches (customers with their invoices, lines,
 * payments and allocations), so the same code builds the 120-customer demo and a 100k-customer,
 * 1M-invoice tenant for benchmarks.
 *
 * It deliberately leaves the mess real shops have: duplicate customers (same phone written another
 * way), customers without phones, products without SKU, invoices without a customer, overdue debts.
 */
import { toE164 } from '../core/phone.ts';
import { addDays } from '../core/time.ts';
import {
  cities,
  companies,
  type DemoProduct,
  demoProducts,
  firstNames,
  lastNames,
  mobilePrefixes,
} from './data.ts';
import { createRandom, type Random } from './random.ts';

export interface DemoOptions {
  tenantId: string;
  /** Calendar date the year of trading ends on, in the business's zone (YYYY-MM-DD). */
  today: string;
  seed?: number;
  customers?: number;
  invoices?: number;
  /** Invoice lines cost a third of the load time at benchmark scale; leave them out there if needed. */
  withLines?: boolean;
  /** Customers per yielded batch. */
  batchSize?: number;
}

export const customerColumns = [
  'id',
  'tenant_id',
  'full_name',
  'first_name',
  'last_name',
  'phone',
  'email',
  'company',
  'city',
  'region',
  'country',
  'notes',
  'source_kind',
  'external_id',
] as const;
export const productColumns = [
  'id',
  'tenant_id',
  'sku',
  'name',
  'category',
  'price',
  'cost',
  'currency',
  'stock_qty',
  'reorder_level',
  'unit',
  'source_kind',
  'external_id',
] as const;
export const invoiceColumns = [
  'id',
  'tenant_id',
  'number',
  'customer_id',
  'issue_date',
  'due_date',
  'total',
  'amount_paid',
  'currency',
  'status',
  'source_kind',
  'external_id',
] as const;
export const lineColumns = [
  'id',
  'tenant_id',
  'invoice_id',
  'product_id',
  'description',
  'quantity',
  'unit_price',
  'total',
] as const;
export const paymentColumns = [
  'id',
  'tenant_id',
  'reference',
  'customer_id',
  'payer_name',
  'phone',
  'amount',
  'currency',
  'paid_at',
  'method',
  'invoice_number',
  'source_kind',
  'external_id',
] as const;
export const allocationColumns = ['id', 'tenant_id', 'payment_id', 'invoice_id', 'amount'] as const;

export interface DemoBatch {
  customers: unknown[][];
  invoices: unknown[][];
  lines: unknown[][];
  payments: unknown[][];
  allocations: unknown[][];
}

type Reliability = 'good' | 'slow' | 'bad';

interface Person {
  id: string | null;
  name: string;
  phone: string | null;
  reliability: Reliability;
}

const currency = 'TZS';
/**
 * Row ids come from their own stream, seeded by the business too: the content stays the same on
 * every machine while two businesses loaded with the same seed never share an id.
 */
function idSource(seed: number, tenantId: string): Random {
  let hash = seed >>> 0;
  for (const character of tenantId) hash = Math.imul(hash ^ character.charCodeAt(0), 0x01000193) >>> 0;
  return createRandom(hash);
}

/** The regulars' first names stay unique, so "Hassan" and "Mama Joyce" name one customer each. */
const randomFirstNames = firstNames.filter((name) => name !== 'Joyce' && name !== 'Hassan');
const toMinor = (shillings: number) => shillings * 100;

/** A local mobile number written the way people write them, in one of many formats. */
export function localPhone(random: Random): string {
  const prefix = random.pick(mobilePrefixes);
  const rest = String(random.int(100_000, 999_999));
  switch (random.int(0, 5)) {
    case 0:
      return `0${prefix} ${rest.slice(0, 3)} ${rest.slice(3)}`;
    case 1:
      return `+255 ${prefix} ${rest}`;
    case 2:
      return `255${prefix}${rest}`;
    case 3:
      return `0${prefix}-${rest.slice(0, 3)}-${rest.slice(3)}`;
    case 4:
      return `${prefix}${rest}`;
    default:
      return `0${prefix}${rest}`;
  }
}

/** The same number written another way, as a duplicate record would have it. */
function rewritePhone(e164: string): string {
  const national = e164.replace(/^\+255/, '');
  return `0${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
}

export function demoProductRows(
  tenantId: string,
  seed = 7,
): { rows: unknown[][]; ids: string[]; catalogue: readonly DemoProduct[] } {
  const idStream = idSource(seed * 31 + 1, tenantId);
  const ids: string[] = [];
  const rows = demoProducts.map((product, index) => {
    const id = idStream.uuid();
    ids.push(id);
    return [
      id,
      tenantId,
      product.sku,
      product.name,
      product.category,
      toMinor(product.price),
      toMinor(product.cost),
      currency,
      product.stock,
      product.reorderLevel,
      product.unit,
      'demo',
      `P${index + 1}`,
    ];
  });
  return { rows, ids, catalogue: demoProducts };
}

interface InvoicePlan {
  issueOffset: number;
  termDays: number;
  /** Share already paid, 0–1. */
  paid: number;
}

/** The named regulars the README's examples talk about, each with debts that are always there. */
const regulars: readonly {
  first: string;
  last: string | null;
  name: string;
  reliability: Reliability;
  company?: string;
  debts: readonly InvoicePlan[];
}[] = [
  {
    first: 'Joyce',
    last: null,
    name: 'Mama Joyce',
    reliability: 'slow',
    debts: [
      { issueOffset: -40, termDays: 14, paid: 0.3 },
      { issueOffset: -5, termDays: 30, paid: 0 },
    ],
  },
  {
    first: 'Hassan',
    last: 'Omari',
    name: 'Hassan Omari',
    reliability: 'bad',
    debts: [
      { issueOffset: -75, termDays: 30, paid: 0 },
      { issueOffset: -20, termDays: 7, paid: 0.25 },
    ],
  },
  { first: 'Baraka', last: 'Mwakyusa', name: 'Baraka Mwakyusa', reliability: 'good', debts: [] },
  {
    first: 'Zawadi',
    last: 'Mollel',
    name: 'Zawadi Mollel',
    reliability: 'slow',
    company: 'Msasani Hotel',
    debts: [{ issueOffset: -130, termDays: 30, paid: 0 }],
  },
];

export async function* generateDemo(options: DemoOptions): AsyncGenerator<DemoBatch> {
  const seed = options.seed ?? 7;
  const random = createRandom(seed);
  const ids = idSource(seed, options.tenantId);
  const customerCount = options.customers ?? 120;
  const invoiceTarget = options.invoices ?? customerCount * 10;
  const perCustomer = invoiceTarget / customerCount;
  const withLines = options.withLines ?? true;
  const batchSize = options.batchSize ?? 2000;
  const products = demoProductRows(options.tenantId, seed);
  const sellable = products.catalogue
    .map((product, index) => ({ product, id: products.ids[index] as string }))
    .filter((entry) => entry.product.price > 0);

  let invoiceNumber = 0;
  let customerNumber = 0;
  let invoicesMade = 0;
  let batch: DemoBatch = { customers: [], invoices: [], lines: [], payments: [], allocations: [] };
  const recent: Person[] = [];

  const days = new Map<number, string>();
  const dateOf = (offset: number) => {
    let date = days.get(offset);
    if (date === undefined) {
      date = addDays(options.today, offset);
      days.set(offset, date);
    }
    return date;
  };

  /** `count` random invoices, then one invoice per plan (the regulars' known debts). */
  const addInvoices = (person: Person, count: number, plans: readonly InvoicePlan[] = []) => {
    for (let index = 0; index < count + plans.length; index++) {
      const plan = plans[index - count];
      invoiceNumber++;
      invoicesMade++;
      const invoiceId = ids.uuid();
      // Dates as day offsets from today, formatted once per distinct day.
      const issueOffset = plan ? plan.issueOffset : -random.int(0, 364);
      const issueDate = dateOf(issueOffset);
      const credit = plan ? true : person.id !== null && random.chance(0.55);
      const termDays = plan ? plan.termDays : credit ? random.pick([7, 14, 30]) : 0;
      const dueDate = dateOf(issueOffset + termDays);
      let total = 0;
      const lineCount = random.int(1, 3);
      for (let line = 0; line < lineCount; line++) {
        const entry = random.pick(sellable);
        const quantity = entry.product.price > 500_000 ? 1 : random.int(1, 3);
        const unitPrice = toMinor(entry.product.price);
        total += unitPrice * quantity;
        if (withLines)
          batch.lines.push([
            ids.uuid(),
            options.tenantId,
            invoiceId,
            entry.id,
            entry.product.name,
            quantity,
            unitPrice,
            unitPrice * quantity,
          ]);
      }
      const overdueDays = Math.max(0, -(issueOffset + termDays));
      const paid = plan ? plan.paid : paidShare(random, person.reliability, credit, overdueDays);
      const amountPaid = paid === 1 ? total : Math.round((total * paid) / 100_000) * 1000;
      const number = `INV-${String(invoiceNumber).padStart(6, '0')}`;
      batch.invoices.push([
        invoiceId,
        options.tenantId,
        number,
        person.id,
        issueDate,
        dueDate,
        total,
        amountPaid,
        currency,
        amountPaid >= total ? 'paid' : 'open',
        'demo',
        number,
      ]);
      if (amountPaid > 0) {
        const paymentId = ids.uuid();
        const method =
          random.next() < 0.55 ? 'mpesa' : random.pick(['cash', 'cash', 'cash', 'card', 'bank'] as const);
        const latest = Math.min(overdueDays + termDays, 45);
        // Paid within the terms (or late), but never after today.
        const delay = credit ? random.int(0, Math.max(0, Math.min(latest, -issueOffset))) : 0;
        const paidDay = dateOf(issueOffset + delay);
        const paidAt = `${paidDay}T${String(random.int(5, 16)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:00Z`;
        const reference =
          method === 'mpesa'
            ? random.code(10)
            : `${method.toUpperCase()}-${String(invoiceNumber).padStart(6, '0')}`;
        batch.payments.push([
          paymentId,
          options.tenantId,
          reference,
          person.id,
          person.name,
          person.phone,
          amountPaid,
          currency,
          paidAt,
          method,
          number,
          'demo',
          reference,
        ]);
        batch.allocations.push([ids.uuid(), options.tenantId, paymentId, invoiceId, amountPaid]);
      }
    }
  };

  const walkIn: Person = { id: null, name: 'Walk-in customer', phone: null, reliability: 'good' };

  for (let index = 0; index < customerCount; index++) {
    customerNumber++;
    const regular = regulars[index];
    const duplicateOf = index > 10 && random.chance(0.04) ? random.pick(recent) : undefined;
    let person: Person;
    if (duplicateOf?.phone && duplicateOf.id) {
      // Same person entered again: the name written differently, the phone in another format.
      const id = ids.uuid();
      const name = random.chance(0.5)
        ? duplicateOf.name.toUpperCase()
        : duplicateOf.name.split(' ').reverse().join(' ');
      person = { id, name, phone: duplicateOf.phone, reliability: duplicateOf.reliability };
      batch.customers.push([
        id,
        options.tenantId,
        name,
        null,
        null,
        toE164(rewritePhone(duplicateOf.phone), 'TZ'),
        null,
        null,
        'Dar es Salaam',
        'Dar es Salaam',
        'TZ',
        null,
        'demo',
        `C${customerNumber}`,
      ]);
    } else {
      const id = ids.uuid();
      const first = regular?.first ?? random.pick(randomFirstNames);
      const last = regular ? regular.last : random.pick(lastNames);
      const name = regular?.name ?? `${first} ${last}`;
      const rawPhone = regular || random.chance(0.9) ? localPhone(random) : null;
      const phone = toE164(rawPhone, 'TZ');
      const place = random.pick(cities);
      const company = regular?.company ?? (random.chance(0.08) ? random.pick(companies) : null);
      const email = random.chance(0.3)
        ? `${first.toLowerCase()}.${(last ?? 'mama').toLowerCase()}${random.int(1, 99)}@${random.pick(['gmail.com', 'yahoo.com', 'hotmail.com'])}`
        : null;
      const reliability: Reliability =
        regular?.reliability ?? (random.chance(0.7) ? 'good' : random.chance(0.66) ? 'slow' : 'bad');
      person = { id, name, phone, reliability };
      batch.customers.push([
        id,
        options.tenantId,
        name,
        first,
        last,
        phone,
        email,
        company,
        place.city,
        place.region,
        'TZ',
        null,
        'demo',
        `C${customerNumber}`,
      ]);
    }
    recent.push(person);
    if (recent.length > 50) recent.shift();
    const remainingCustomers = customerCount - index;
    const remainingInvoices = invoiceTarget - invoicesMade;
    const count =
      remainingCustomers === 1
        ? Math.max(0, remainingInvoices)
        : Math.max(
            0,
            Math.min(
              remainingInvoices,
              random.int(Math.max(1, Math.floor(perCustomer / 2)), Math.ceil(perCustomer * 1.5)),
            ),
          );
    // One sale in fifty is a walk-in with no customer on the invoice.
    const walkIns = random.chance(0.2) ? 1 : 0;
    addInvoices(person, Math.max(0, count - walkIns - (regular?.debts.length ?? 0)), regular?.debts);
    if (walkIns > 0 && count > 0) addInvoices(walkIn, walkIns);
    if (batch.customers.length >= batchSize) {
      yield batch;
      batch = { customers: [], invoices: [], lines: [], payments: [], allocations: [] };
    }
  }
  if (batch.customers.length > 0 || batch.invoices.length > 0) yield batch;
}

/** Share of an invoice paid so far (0–1), by how reliable the customer is and how late it is. */
function paidShare(random: Random, reliability: Reliability, credit: boolean, overdueDays: number): number {
  if (!credit) return random.chance(0.97) ? 1 : 0;
  const late = overdueDays > 0;
  const roll = random.next();
  if (reliability === 'good') return late ? (roll < 0.99 ? 1 : 0.5) : roll < 0.5 ? 1 : roll < 0.7 ? 0.5 : 0;
  if (reliability === 'slow')
    return late ? (roll < 0.88 ? 1 : roll < 0.95 ? 0.4 : 0) : roll < 0.2 ? 1 : roll < 0.4 ? 0.3 : 0;
  return late ? (roll < 0.7 ? 1 : roll < 0.85 ? 0.25 : 0) : roll < 0.1 ? 0.2 : 0;
}

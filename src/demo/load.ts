/** Loads the demo business (or a benchmark-sized one) through bulk copy. Idempotent per slug. */
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { tenants } from '../../db/schema/index.ts';
import type { TenantInfo } from '../core/context.ts';
import { addMember, createTenant, findTenant } from '../tenancy/tenants.ts';
import {
  allocationColumns,
  customerColumns,
  demoProductRows,
  generateDemo,
  invoiceColumns,
  lineColumns,
  paymentColumns,
  productColumns,
} from './generate.ts';

export interface LoadDemoOptions {
  slug?: string;
  today: string;
  reset?: boolean;
  seed?: number;
  customers?: number;
  invoices?: number;
  withLines?: boolean;
  onProgress?: (loaded: { customers: number; invoices: number }) => void;
}

export interface LoadDemoResult {
  tenant: TenantInfo;
  created: boolean;
  counts: { customers: number; products: number; invoices: number; lines: number; payments: number };
}

export async function loadDemo(db: Database, options: LoadDemoOptions): Promise<LoadDemoResult> {
  const slug = options.slug ?? 'demo';
  const existing = await findTenant(db, slug);
  const counts = { customers: 0, products: 0, invoices: 0, lines: 0, payments: 0 };
  if (existing && !options.reset) return { tenant: existing, created: false, counts };
  if (existing) await db.orm.delete(tenants).where(eq(tenants.id, existing.id));

  const { tenant } = await createTenant(db, {
    slug,
    name: slug === 'demo' ? 'Kariakoo Electronics' : `Kariakoo Electronics (${slug})`,
    currency: 'TZS',
    region: 'TZ',
    timezone: 'Africa/Dar_es_Salaam',
    language: 'en',
    ownerName: 'Amina Mushi',
  });
  await addMember(db, tenant.id, { name: 'Juma Mrisho', role: 'admin', phone: '+255754000111' });
  await addMember(db, tenant.id, { name: 'Neema Kimaro', role: 'staff', phone: '+255713000222' });

  const products = demoProductRows(tenant.id, options.seed);
  counts.products = await db.copyRows('products', productColumns, [products.rows]);
  for await (const batch of generateDemo({
    tenantId: tenant.id,
    today: options.today,
    seed: options.seed,
    customers: options.customers,
    invoices: options.invoices,
    withLines: options.withLines,
  })) {
    // Parents before children, so foreign keys hold at every step.
    counts.customers += await db.copyRows('customers', customerColumns, [batch.customers]);
    counts.invoices += await db.copyRows('invoices', invoiceColumns, [batch.invoices]);
    if (batch.lines.length > 0)
      counts.lines += await db.copyRows('invoice_lines', lineColumns, [batch.lines]);
    counts.payments += await db.copyRows('payments', paymentColumns, [batch.payments]);
    await db.copyRows('payment_allocations', allocationColumns, [batch.allocations]);
    options.onProgress?.({ customers: counts.customers, invoices: counts.invoices });
  }
  // Fresh statistics, so the planner uses the indexes on a freshly bulk-loaded tenant.
  await db.orm.execute(sql`analyze customers, invoices, payments, payment_allocations, products`);
  return { tenant, created: true, counts };
}

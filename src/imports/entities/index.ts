import type { ImportEntity } from '../types.ts';
import { customerWriter } from './customers.ts';
import { invoiceWriter } from './invoices.ts';
import { expenseWriter, inventoryWriter, leadWriter } from './others.ts';
import { paymentWriter } from './payments.ts';
import { productWriter } from './products.ts';
import type { EntityWriter } from './writer.ts';

export const writers: Record<ImportEntity, EntityWriter> = {
  customers: customerWriter,
  products: productWriter,
  invoices: invoiceWriter,
  payments: paymentWriter,
  inventory: inventoryWriter,
  expenses: expenseWriter,
  leads: leadWriter,
};

export type { CanonicalRecord, EntityWriter, WriterContext } from './writer.ts';

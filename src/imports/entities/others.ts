/** Inventory levels, expenses and leads. */
import { expenses, inventoryLevels, leads } from '../../../db/schema/index.ts';
import { type EntityWriter, money, number, text } from './writer.ts';

export const inventoryWriter: EntityWriter = {
  entity: 'inventory',
  table: inventoryLevels,
  tableName: 'inventory_levels',
  keys: [{ field: 'sku', column: 'sku', caseInsensitive: true }],
  toRow(record) {
    return {
      sku: text(record.sku) ?? '',
      location: text(record.location) ?? 'main',
      quantity: number(record.qty) ?? 0,
    };
  },
};

export const expenseWriter: EntityWriter = {
  entity: 'expenses',
  table: expenses,
  tableName: 'expenses',
  keys: [],
  toRow(record, context) {
    const amount = money(record.amount);
    return {
      date: text(record.date),
      category: text(record.category),
      description: text(record.description),
      amount: amount?.minor ?? 0,
      currency: text(record.currency) ?? amount?.currency ?? context.currency,
      vendor: text(record.vendor),
    };
  },
};

export const leadWriter: EntityWriter = {
  entity: 'leads',
  table: leads,
  tableName: 'leads',
  keys: [
    { field: 'email', column: 'email', caseInsensitive: true },
    { field: 'phone', column: 'phone' },
  ],
  createdEvent: 'lead.created',
  toRow(record) {
    const score = number(record.score);
    return {
      fullName:
        text(record.full_name) ??
        ([text(record.first_name), text(record.last_name)].filter(Boolean).join(' ') ||
          text(record.email) ||
          'Unnamed lead'),
      firstName: text(record.first_name),
      lastName: text(record.last_name),
      email: text(record.email),
      phone: text(record.phone),
      company: text(record.company),
      source: text(record.source),
      campaign: text(record.campaign),
      status: text(record.status) ?? 'new',
      score: score === null ? null : Math.round(score),
    };
  },
};

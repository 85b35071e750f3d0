import { products } from '../../../db/schema/index.ts';
import { type EntityWriter, money, number, text } from './writer.ts';

export const productWriter: EntityWriter = {
  entity: 'products',
  table: products,
  tableName: 'products',
  keys: [
    { field: 'sku', column: 'sku', caseInsensitive: true },
    { field: 'barcode', column: 'barcode' },
  ],
  createdEvent: 'product.created',
  toRow(record, context) {
    const price = money(record.price);
    const cost = money(record.cost);
    return {
      sku: text(record.sku),
      name: text(record.name) ?? text(record.sku) ?? 'Unnamed product',
      description: text(record.description),
      category: text(record.category),
      price: price?.minor ?? null,
      cost: cost?.minor ?? null,
      currency: text(record.currency) ?? price?.currency ?? cost?.currency ?? context.currency,
      stockQty: number(record.stock_qty),
      reorderLevel: number(record.reorder_level),
      barcode: text(record.barcode),
      unit: text(record.unit),
    };
  },
};

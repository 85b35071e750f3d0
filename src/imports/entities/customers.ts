import { customers } from '../../../db/schema/index.ts';
import { type EntityWriter, text } from './writer.ts';

function fullName(record: Record<string, unknown>): string {
  return (
    text(record.full_name) ??
    ([text(record.first_name), text(record.last_name)].filter(Boolean).join(' ') ||
      (text(record.company) ?? 'Unnamed customer'))
  );
}

export const customerWriter: EntityWriter = {
  entity: 'customers',
  table: customers,
  tableName: 'customers',
  keys: [
    { field: 'phone', column: 'phone' },
    { field: 'email', column: 'email', caseInsensitive: true },
  ],
  toRow(record) {
    const tags = text(record.tags);
    return {
      fullName: fullName(record),
      firstName: text(record.first_name),
      lastName: text(record.last_name),
      phone: text(record.phone),
      email: text(record.email),
      company: text(record.company),
      street: text(record.street),
      city: text(record.city),
      region: text(record.region),
      postalCode: text(record.postal_code),
      country: text(record.country),
      tags: tags
        ? tags
            .split(/[,;]/)
            .map((tag) => tag.trim())
            .filter(Boolean)
        : [],
      notes: text(record.notes),
    };
  },
};

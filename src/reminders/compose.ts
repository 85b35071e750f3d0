/**
 * The words of a payment reminder. Customers have no language of their own in the data yet, so the
 * business's decides: businesses in Tanzania and Kenya (or whose language is Swahili) send Swahili
 * followed by English in one message, others English. Outside WhatsApp's 24-hour customer-service
 * window a business may only start a conversation with an approved template, so every reminder also
 * carries the `payment_reminder` template and its parameters for the WhatsApp channel to use.
 */
import type { TenantInfo } from '../core/context.ts';
import { formatMoney } from '../core/money.ts';
import { formatDate } from '../core/time.ts';

export interface ReminderLine {
  number: string;
  /** The due date (the issue date for invoices without one), YYYY-MM-DD. */
  dueDate: string;
  balance: number;
  currency: string;
}

export type ReminderLanguage = 'sw' | 'en';

/**
 * The approved WhatsApp template a reminder is sent with when the customer has not written in the
 * last 24 hours. Parameters, in order: {{1}} customer name, {{2}} invoice numbers, {{3}} amount due,
 * {{4}} business name, {{5}} the (oldest) due date.
 */
export interface ReminderTemplate {
  name: typeof reminderTemplateName;
  language: ReminderLanguage;
  parameters: string[];
}

export const reminderTemplateName = 'payment_reminder';

export interface ComposedReminder {
  language: ReminderLanguage;
  body: string;
  template: ReminderTemplate;
}

/** How many invoice numbers a message names before it says "and N more". */
const namedInvoices = 5;

export function reminderLanguage(tenant: Pick<TenantInfo, 'language' | 'region'>): ReminderLanguage {
  return tenant.language === 'sw' || tenant.region === 'TZ' || tenant.region === 'KE' ? 'sw' : 'en';
}

/** Amounts per currency, in the order the currencies first appear. */
export function totalsOf(lines: readonly ReminderLine[]): { currency: string; amount: number }[] {
  const totals = new Map<string, number>();
  for (const line of lines) totals.set(line.currency, (totals.get(line.currency) ?? 0) + line.balance);
  return [...totals].map(([currency, amount]) => ({ currency, amount }));
}

function joined(items: readonly string[], and: string): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

function numbersText(lines: readonly ReminderLine[], language: ReminderLanguage): string {
  const numbers = lines.map((line) => line.number);
  if (numbers.length <= namedInvoices) return joined(numbers, language === 'sw' ? 'na' : 'and');
  const more = numbers.length - namedInvoices;
  return `${numbers.slice(0, namedInvoices).join(', ')} ${language === 'sw' ? `na nyingine ${more}` : `and ${more} more`}`;
}

function amountText(lines: readonly ReminderLine[], language: ReminderLanguage): string {
  return joined(
    totalsOf(lines).map((total) => formatMoney(total.amount, total.currency)),
    language === 'sw' ? 'na' : 'and',
  );
}

function swahili(name: string, business: string, lines: readonly ReminderLine[], due: string): string {
  const numbers = numbersText(lines, 'sw');
  const amount = amountText(lines, 'sw');
  const opening =
    lines.length === 1
      ? `Habari ${name}, ankara ${numbers} ya ${amount} kutoka ${business} imepita tarehe ya malipo (${due}).`
      : `Habari ${name}, ankara ${numbers} zenye jumla ya ${amount} kutoka ${business} zimepita tarehe ya malipo (ya zamani zaidi ${due}).`;
  return `${opening} Tafadhali lipa mapema iwezekanavyo. Kama umeshalipa, tafadhali puuza ujumbe huu. Jibu ACHA kusitisha ujumbe huu.`;
}

function english(name: string, business: string, lines: readonly ReminderLine[], due: string): string {
  const numbers = numbersText(lines, 'en');
  const amount = amountText(lines, 'en');
  const opening =
    lines.length === 1
      ? `Hello ${name}, invoice ${numbers} for ${amount} from ${business} is past its due date (${due}).`
      : `Hello ${name}, invoices ${numbers} totalling ${amount} from ${business} are past their due dates (the oldest ${due}).`;
  return `${opening} Please pay at your earliest convenience. If you have already paid, please ignore this message. Reply STOP to stop these messages.`;
}

/** The reminder for one customer's overdue invoices (oldest first). */
export function composeReminder(
  tenant: Pick<TenantInfo, 'name' | 'language' | 'region' | 'timezone'>,
  name: string,
  lines: readonly ReminderLine[],
): ComposedReminder {
  const language = reminderLanguage(tenant);
  const oldest = lines.reduce(
    (min, line) => (line.dueDate < min ? line.dueDate : min),
    lines[0]?.dueDate ?? '',
  );
  const dueEn = oldest ? formatDate(oldest, tenant.timezone, 'en') : '';
  const dueSw = oldest ? formatDate(oldest, tenant.timezone, 'sw') : '';
  const body =
    language === 'sw'
      ? `${swahili(name, tenant.name, lines, dueSw)}\n\n${english(name, tenant.name, lines, dueEn)}`
      : english(name, tenant.name, lines, dueEn);
  return {
    language,
    body,
    template: {
      name: reminderTemplateName,
      language,
      parameters: [
        name,
        numbersText(lines, language),
        amountText(lines, language),
        tenant.name,
        language === 'sw' ? dueSw : dueEn,
      ],
    },
  };
}

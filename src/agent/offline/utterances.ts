/**
 * Owner messages and what the offline parser must read from them: the test table for intents.test.ts
 * and the data set for evaluating any other parser (a model) against the same expectations.
 * Dates are concrete for today = 2026-11-23, a Monday, unless a case says otherwise.
 */
import type { Intent, PaymentMethodWord } from './intents.ts';
import type { Period } from './period.ts';

/** One message, the day it was sent on, the intent and slots expected, and the language expected. */
export interface UtteranceCase {
  text: string;
  today: string;
  expect: Partial<Intent> & { name: Intent['name'] };
  language?: 'en' | 'sw';
}

type Expected = UtteranceCase['expect'];

const monday = '2026-11-23';

const span = (from: string, to: string, label: string): Period => ({ from, to, label });

const periods = {
  today: span('2026-11-23', '2026-11-23', 'today'),
  yesterday: span('2026-11-22', '2026-11-22', 'yesterday'),
  thisWeek: span('2026-11-23', '2026-11-23', 'this week'),
  lastWeek: span('2026-11-16', '2026-11-22', 'last week'),
  thisMonth: span('2026-11-01', '2026-11-23', 'this month'),
  lastMonth: span('2026-10-01', '2026-10-31', 'last month'),
  thisYear: span('2026-01-01', '2026-11-23', 'this year'),
  lastYear: span('2025-01-01', '2025-12-31', 'last year'),
  last7Days: span('2026-11-17', '2026-11-23', 'last 7 days'),
  march: span('2026-03-01', '2026-03-31', 'March 2026'),
  december: span('2025-12-01', '2025-12-31', 'December 2025'),
};

const en = (text: string, expect: Expected, today = monday): UtteranceCase => ({
  text,
  today,
  expect,
  language: 'en',
});
const sw = (text: string, expect: Expected, today = monday): UtteranceCase => ({
  text,
  today,
  expect,
  language: 'sw',
});

const owed = (onlyOverdue: boolean, minDaysOverdue?: number): Expected =>
  minDaysOverdue === undefined
    ? { name: 'receivables', onlyOverdue }
    : { name: 'receivables', onlyOverdue, minDaysOverdue };
const lookup = (customer: string): Expected => ({ name: 'customer_lookup', customer });
const received = (period: Period, customer?: string): Expected =>
  customer ? { name: 'payments_received', period, customer } : { name: 'payments_received', period };
const recorded = (
  customer: string,
  amount: string,
  extra: { method?: PaymentMethodWord; reference?: string } = {},
): Expected => ({ name: 'record_payment', customer, amount, ...extra });
const sales = (period: Period): Expected => ({ name: 'sales_summary', period });
const sync = (system: string, full = false, streams?: string[]): Expected => ({
  name: 'sync',
  system,
  full,
  ...(streams ? { streams } : {}),
});
const logs = (system?: string, period?: Period): Expected => ({
  name: 'sync_logs',
  ...(system ? { system } : {}),
  ...(period ? { period } : {}),
});
const importing = (entity?: string): Expected =>
  entity ? { name: 'import_help', entity } : { name: 'import_help' };
const only = (name: Intent['name']): Expected => ({ name });

/** The table: at least eight messages per intent, in English, Swahili and a mix of both. */
export const utteranceCases: UtteranceCase[] = [
  // receivables
  en('who owes me?', owed(false)),
  en('who owes me money', owed(false)),
  en('debts', owed(false)),
  en('overdue invoices', owed(true)),
  en('overdue', owed(true)),
  en("who hasn't paid", owed(false)),
  en('unpaid invoices', owed(false)),
  en('who owes me for more than 30 days', owed(true, 30)),
  en('customers who are 90+ days late', owed(true, 90)),
  sw('nani ananidai?', owed(false)),
  sw('nani wananidai', owed(false)),
  sw('madeni', owed(false)),
  sw('wadeni', owed(false)),
  sw('orodha ya madeni', owed(false)),
  sw('madeni ya mwezi huu', owed(false)),
  sw('wateja wanaonidai zaidi ya siku 60', owed(true, 60)),
  sw('nani ananidai this month?', owed(false)),
  sw('habari, nani ananidai?', owed(false)),

  // customer_lookup, including one customer's debt
  en('show me Mama Joyce', lookup('Mama Joyce')),
  en('tell me about Hassan Omari', lookup('Hassan Omari')),
  en('find customer 0712 345 678', lookup('0712 345 678')),
  en("Mama Joyce's profile", lookup('Mama Joyce')),
  en('how much does Hassan owe?', lookup('Hassan')),
  en('what does Baraka owe me?', lookup('Baraka')),
  en('look up Bw Juma', lookup('Bw Juma')),
  en('who is Baraka?', lookup('Baraka')),
  en("Hassan's balance", lookup('Hassan')),
  en('show me Neema please', lookup('Neema')),
  sw('mteja Hassan', lookup('Hassan')),
  sw('nionyeshe Mama Joyce', lookup('Mama Joyce')),
  sw('Hassan anadaiwa kiasi gani', lookup('Hassan')),
  sw('deni la Bi Amina', lookup('Bi Amina')),
  sw('taarifa za Mama Joyce', lookup('Mama Joyce')),
  sw('nionyeshe customer Hassan', lookup('Hassan')),

  // payments_received: questions about money that came in
  en('how much did Mama Joyce pay this month?', received(periods.thisMonth, 'Mama Joyce')),
  en('payments received today', received(periods.today)),
  en('what came in via M-Pesa yesterday', received(periods.yesterday)),
  en('what came in?', received(periods.today)),
  en('payments this week', received(periods.thisWeek)),
  en('how much has Hassan paid', received(periods.thisMonth, 'Hassan')),
  en('How much did Hassan pay last month?', received(periods.lastMonth, 'Hassan')),
  en('did Hassan pay?', received(periods.thisMonth, 'Hassan')),
  en('Did Hassan pay 20000?', received(periods.thisMonth, 'Hassan')),
  en('Hassan paid 20000?', received(periods.thisMonth, 'Hassan')),
  sw('malipo ya leo', received(periods.today)),
  sw('Hassan amelipa kiasi gani wiki hii', received(periods.thisWeek, 'Hassan')),
  sw('nani amelipa leo?', received(periods.today)),
  sw('malipo ya Hassan mwezi uliopita', received(periods.lastMonth, 'Hassan')),
  sw('malipo kutoka kwa Mama Joyce', received(periods.thisMonth, 'Mama Joyce')),
  sw('Hassan amelipa kiasi gani this month?', received(periods.thisMonth, 'Hassan')),

  // record_payment: statements and orders with both an amount and a payer
  en('record 50,000 from Hassan by M-Pesa', recorded('Hassan', '50000', { method: 'mpesa' })),
  en('record 50k from Hassan', recorded('Hassan', '50000')),
  en('Hassan paid 20000 cash', recorded('Hassan', '20000', { method: 'cash' })),
  en(
    'received KES 1,200.50 from Wanjiru via card ref QK41XYZ9AB',
    recorded('Wanjiru', '1200.50', { method: 'card', reference: 'QK41XYZ9AB' }),
  ),
  en('record elfu hamsini from Hassan by mpesa', recorded('Hassan', '50000', { method: 'mpesa' })),
  en(
    'got 5000 from Neema via halopesa ref QAB12CD34E',
    recorded('Neema', '5000', { method: 'halopesa', reference: 'QAB12CD34E' }),
  ),
  en(
    'record TSh 2.4M from Hassan Traders by bank',
    recorded('Hassan Traders', '2400000', { method: 'bank' }),
  ),
  en('record 20k from 0712 345 678 by mpesa', recorded('0712 345 678', '20000', { method: 'mpesa' })),
  en(
    'record 12,500 from Mama Joyce, ref INV-000123',
    recorded('Mama Joyce', '12500', { reference: 'INV-000123' }),
  ),
  en('record payment of 30,000 for Mama Joyce', recorded('Mama Joyce', '30000')),
  en('Hassan paid 50k for two bags of rice', recorded('Hassan', '50000')),
  en('sh. 20,000 paid by Hassan', recorded('Hassan', '20000')),
  sw('Mama Joyce amelipa elfu hamsini kwa M-Pesa', recorded('Mama Joyce', '50000', { method: 'mpesa' })),
  sw('pokea 50k kutoka kwa Hassan', recorded('Hassan', '50000')),
  sw('rekodi malipo ya elfu kumi kutoka Baraka kwa cash', recorded('Baraka', '10000', { method: 'cash' })),
  sw(
    'tumepokea laki mbili kutoka kwa Bi Amina kwa benki',
    recorded('Bi Amina', '200000', { method: 'bank' }),
  ),
  sw('Bw Juma ametuma 15,000 airtel money', recorded('Bw Juma', '15000', { method: 'airtel_money' })),
  sw(
    'Hassan alilipa milioni mbili na laki tano kwa tigo pesa',
    recorded('Hassan', '2500000', { method: 'tigo_pesa' }),
  ),
  sw('Mama Joyce amelipa elfu ishirini na tano taslimu', recorded('Mama Joyce', '25000', { method: 'cash' })),

  // sales_summary
  en('sales this month', sales(periods.thisMonth)),
  en('how much did I sell today', sales(periods.today)),
  en('revenue last month', sales(periods.lastMonth)),
  en('sales', sales(periods.thisMonth)),
  en('show me sales for March', sales(periods.march)),
  en('sales in December', sales(periods.december)),
  en('revenue for the last 7 days', sales(periods.last7Days)),
  en('sales last year', sales(periods.lastYear)),
  en('what did we sell last week?', sales(periods.lastWeek)),
  en('revenue last month', sales(span('2025-12-01', '2025-12-31', 'last month')), '2026-01-15'),
  sw('mauzo ya leo', sales(periods.today)),
  sw('mauzo ya wiki hii', sales(periods.thisWeek)),
  sw('mauzo ya wiki hii', sales(span('2026-11-23', '2026-11-29', 'this week')), '2026-11-29'),
  sw('nimeuza kiasi gani jana', sales(periods.yesterday)),
  sw('mauzo ya mwezi jana', sales(periods.lastMonth)),
  sw('mauzo ya wiki jana', sales(periods.lastWeek)),
  sw('mauzo ya mwezi wa tatu', sales(periods.march)),
  sw('mauzo ya mwaka huu', sales(periods.thisYear)),

  // sync
  en('sync my Shopify orders', sync('shopify', false, ['orders'])),
  en('sync shopify', sync('shopify')),
  en('run a full sync of WooCommerce', sync('woocommerce', true)),
  en('update from M-Pesa', sync('mpesa')),
  en('resync QuickBooks', sync('quickbooks', true)),
  en('sync jumia', sync('jumia')),
  en('sync everything', sync('all')),
  en('pull orders from Shopify', sync('shopify', false, ['orders'])),
  sw('sawazisha oda na wateja wa Shopify', sync('shopify', false, ['orders', 'customers'])),

  // connect, catalogue, rules
  en('connect my Shopify', { name: 'connect', system: 'shopify' }),
  en('add M-Pesa', { name: 'connect', system: 'mpesa' }),
  en('reconnect WooCommerce', { name: 'connect', system: 'woocommerce' }),
  en('connect my POS', { name: 'connect', system: 'custom pos' }),
  sw('unganisha Shopify', { name: 'connect', system: 'shopify' }),
  en('what systems can you connect to?', { name: 'integrations' }),
  en('can you connect QuickBooks?', { name: 'integrations', search: 'quickbooks' }),
  sw('unaweza kuunganisha mifumo gani?', { name: 'integrations' }),
  en("don't overwrite phone numbers we already have", { name: 'set_rules', rules: ['keep_existing_phones'] }),
  en('merge customers with the same phone, but ask me first', {
    name: 'set_rules',
    rules: ['merge_customers_by_phone', 'ask_before_merge'],
  }),
  sw('usibadilishe namba za simu', { name: 'set_rules', rules: ['keep_existing_phones'] }),
  en('show my rules', { name: 'rules' }),
  en('what should I restock?', { name: 'stock_risk' }),
  en('send payment reminders to everyone overdue', { name: 'reminders' }),
  en('take action 2', { name: 'take_action', recommendation: '2' }),
  sw('chukua hatua 1', { name: 'take_action', recommendation: '1' }),
  sw('tuma vikumbusho kwa wadeni', { name: 'reminders' }),
  en('which products are running low', { name: 'stock_risk' }),
  sw('bidhaa gani zinaisha? zinazoisha stoo', { name: 'stock_risk' }),
  en('top selling products this month', { name: 'top_products', period: periods.thisMonth }),
  en('best selling items', { name: 'top_products' }),
  sw('bidhaa zinazouzwa zaidi', { name: 'top_products' }),
  sw('sheria zangu', { name: 'rules' }),
  en('sync Google Sheets', sync('google_sheets')),
  en('refresh Xero', sync('xero')),
  sw('sawazisha Shopify', sync('shopify')),
  sw('sawazisha zote upya', sync('all', true)),

  // sync_logs
  en('what happened with Shopify last night?', logs('shopify', periods.yesterday)),
  en('sync logs', logs()),
  en('show sync errors', logs()),
  en('why did the sync fail', logs()),
  en('why did QuickBooks fail last night', logs('quickbooks', periods.yesterday)),
  en('mpesa sync failed', logs('mpesa')),
  en('show me the logs', logs()),
  en('shopify errors this week', logs('shopify', periods.thisWeek)),
  sw('kumbukumbu za usawazishaji', logs()),
  sw('Shopify imeshindwa jana', logs('shopify', periods.yesterday)),

  // connection_status
  en('is everything syncing?', only('connection_status')),
  en('connection status', only('connection_status')),
  en('which systems are connected', only('connection_status')),
  en('is Shopify connected?', only('connection_status')),
  en('are my integrations working?', only('connection_status')),
  en('sync status', only('connection_status')),
  sw('mifumo iliyounganishwa', only('connection_status')),
  sw('hali ya miunganisho', only('connection_status')),
  sw('hali ya usawazishaji', only('connection_status')),

  // import_help
  en('how do I import my customers?', importing('customers')),
  en('import a spreadsheet', importing()),
  en('help me import products', importing('products')),
  en('upload my stock list', importing('inventory')),
  en('import expenses csv', importing('expenses')),
  en('can I upload my leads from a spreadsheet?', importing('leads')),
  sw('nataka kuingiza wateja kutoka Excel', importing('customers')),
  sw('ninataka kuingiza bidhaa', importing('products')),
  sw('nataka kuingiza ankara', importing('invoices')),
  sw('kuingiza malipo kutoka excel', importing('payments')),
  sw('kupakia matumizi', importing('expenses')),
  sw('ninawezaje kuingiza stoo?', importing('inventory')),

  // insights
  en('how is business?', only('insights')),
  en('insights', only('insights')),
  en('any recommendations?', only('insights')),
  en('what should I do today?', only('insights')),
  en("how's business", only('insights')),
  en('how are we doing?', only('insights')),
  en('tell me about my business', only('insights')),
  sw('biashara inaendaje?', only('insights')),
  sw('nipe ushauri', only('insights')),
  sw('nifanye nini leo?', only('insights')),

  // briefing
  en('daily briefing', only('briefing')),
  en('morning summary', only('briefing')),
  en('give me my briefing', only('briefing')),
  en('briefing please', only('briefing')),
  en("what's new today?", only('briefing')),
  en('brief me', only('briefing')),
  sw('muhtasari wa leo', only('briefing')),
  sw('ripoti ya leo', only('briefing')),
  sw('nipe muhtasari', only('briefing')),

  // data_quality
  en('data quality', only('data_quality')),
  en('duplicates', only('data_quality')),
  en('duplicate customers', only('data_quality')),
  en('customers without phone', only('data_quality')),
  en('clean my data', only('data_quality')),
  en('customers with no phone', only('data_quality')),
  sw('wateja waliorudiwa', only('data_quality')),
  sw('ubora wa data', only('data_quality')),
  sw('safisha data', only('data_quality')),
  sw('wateja bila namba ya simu', only('data_quality')),

  // help
  en('help', only('help')),
  en('what can you do?', only('help')),
  en('I need help', only('help')),
  en('menu', only('help')),
  en('how does this work?', only('help')),
  sw('msaada', only('help')),
  sw('unaweza kufanya nini?', only('help')),
  sw('nisaidie', only('help')),
  sw('naomba msaada tafadhali', only('help')),

  // greeting: only when nothing else is asked
  en('hi', only('greeting')),
  en('hello', only('greeting')),
  en('good morning', only('greeting')),
  en('hi there', only('greeting')),
  sw('habari', only('greeting')),
  sw('mambo', only('greeting')),
  sw('jambo', only('greeting')),
  sw('hujambo', only('greeting')),
  sw('salaam', only('greeting')),
  sw('habari za asubuhi', only('greeting')),
  sw('mambo vipi', only('greeting')),
  sw('shikamoo', only('greeting')),

  // confirm and cancel: only when the whole message is the reply
  en('yes', only('confirm')),
  en('confirm', only('confirm')),
  en('ok do it', only('confirm')),
  en('yes please', only('confirm')),
  en('go ahead', only('confirm')),
  en('👍', only('confirm')),
  sw('ndiyo', only('confirm')),
  sw('sawa', only('confirm')),
  sw('ndio', only('confirm')),
  sw('ndiyo tafadhali', only('confirm')),
  en('no', only('cancel')),
  en('cancel', only('cancel')),
  en('stop', only('cancel')),
  en('never mind', only('cancel')),
  en("don't", only('cancel')),
  en('forget it', only('cancel')),
  sw('hapana', only('cancel')),
  sw('acha', only('cancel')),
  sw('hapana asante', only('cancel')),

  // unknown: unclear or incomplete, and never a guessed write
  en("what's the weather?", only('unknown')),
  en('Hassan', only('unknown')),
  en('record a payment', only('unknown')),
  en('record 50k', only('unknown')),
  en('record payment from 0712 345 678', only('unknown')),
  en('record 30k from Hassan, 20k from Juma', only('unknown')),
  en('Hassan paid 20,000 of his 50,000 debt', only('unknown')),
  en('I paid 20000 for stock', only('unknown')),
  en('show me all customers', only('unknown')),
  en('hi, what is the weather like?', only('unknown')),
  sw('rekodi malipo ya Hassan', only('unknown')),
  sw('pokea pesa', only('unknown')),
];

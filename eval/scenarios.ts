/**
 * The evaluation set: what an owner says, which tools should be called, and facts the reply must
 * contain. Facts are checked against the demo business (seed 7, "today" fixed), so they are exact.
 * Grow this list whenever a real conversation goes wrong.
 */
export interface Scenario {
  intent: string;
  text: string;
  /** Tools that must be called (in any order); [] means none may be. */
  tools: string[];
  /** Strings (or patterns) the reply text must contain. */
  facts: (string | RegExp)[];
  /** A write must stay pending: nothing recorded without confirmation. */
  pending?: boolean;
}

export const scenarios: Scenario[] = [
  {
    intent: 'receivables',
    text: 'who owes me?',
    tools: ['who_owes_me'],
    facts: ['TSh', /owed by \d+ customers/],
  },
  { intent: 'receivables', text: 'nani ananidai?', tools: ['who_owes_me'], facts: ['TSh'] },
  { intent: 'receivables', text: 'madeni', tools: ['who_owes_me'], facts: ['TSh'] },
  { intent: 'receivables', text: 'show me the overdue invoices', tools: ['who_owes_me'], facts: ['overdue'] },
  {
    intent: 'receivables',
    text: 'who owes me for more than 90 days?',
    tools: ['who_owes_me'],
    facts: ['TSh'],
  },
  { intent: 'receivables', text: 'nani ananidai this month?', tools: ['who_owes_me'], facts: ['TSh'] },
  {
    intent: 'customer_lookup',
    text: 'show me Mama Joyce',
    tools: ['customer_profile'],
    facts: ['Mama Joyce', /Owes TSh/],
  },
  {
    intent: 'customer_lookup',
    text: 'nionyeshe Hassan Omari',
    tools: ['customer_profile'],
    facts: ['Hassan Omari'],
  },
  {
    intent: 'customer_lookup',
    text: 'how much does Hassan owe?',
    tools: ['customer_profile'],
    facts: ['Hassan Omari', 'TSh'],
  },
  {
    intent: 'payments_received',
    text: 'how much did Mama Joyce pay this month?',
    tools: ['sales_summary'],
    facts: ['Mama Joyce'],
  },
  { intent: 'payments_received', text: 'payments received today', tools: ['sales_summary'], facts: ['TSh'] },
  { intent: 'payments_received', text: 'malipo ya wiki hii', tools: ['sales_summary'], facts: ['TSh'] },
  { intent: 'sales_summary', text: 'sales this month', tools: ['sales_summary'], facts: [/Sales: TSh/] },
  { intent: 'sales_summary', text: 'mauzo ya leo', tools: ['sales_summary'], facts: ['TSh'] },
  { intent: 'sales_summary', text: 'revenue last month', tools: ['sales_summary'], facts: ['Oct 2026'] },
  {
    intent: 'record_payment',
    text: 'record 50,000 from Hassan by M-Pesa',
    tools: ['record_payment'],
    facts: ['TSh 50,000', 'Hassan Omari'],
    pending: true,
  },
  {
    intent: 'record_payment',
    text: 'Mama Joyce amelipa elfu hamsini kwa M-Pesa',
    tools: ['record_payment'],
    facts: ['TSh 50,000', 'Mama Joyce'],
    pending: true,
  },
  {
    intent: 'record_payment',
    text: 'record 2.4M from Zawadi Mollel cash',
    tools: ['record_payment'],
    facts: ['TSh 2,400,000'],
    pending: true,
  },
  { intent: 'record_payment', text: 'record a payment', tools: [], facts: [] },
  {
    intent: 'connection_status',
    text: 'is everything syncing?',
    tools: ['connection_status'],
    facts: ['No systems are connected'],
  },
  {
    intent: 'briefing',
    text: 'give me my briefing',
    tools: ['daily_briefing'],
    facts: [/TSh|nothing|Nothing/],
  },
  {
    intent: 'reminders',
    text: 'send payment reminders to everyone overdue',
    tools: ['send_reminders'],
    facts: [/remind|queued/i],
    pending: true,
  },
  {
    intent: 'stock_risk',
    text: 'what should I restock?',
    tools: ['stock_risk'],
    facts: [/days? of cover|left/],
  },
  {
    intent: 'top_products',
    text: 'best selling products this month',
    tools: ['top_products'],
    facts: [/TSh/],
  },
  { intent: 'sync', text: 'sync my Shopify orders', tools: ['run_sync'], facts: [/not connected/] },
  {
    intent: 'connect',
    text: 'connect my Shopify',
    tools: ['connect_integration'],
    facts: [/\/connect\//, /never in this chat/],
  },
  {
    intent: 'connect',
    text: 'unganisha QuickBooks',
    tools: ['connect_integration'],
    facts: [/not yet available/],
  },
  {
    intent: 'integrations',
    text: 'what systems can you connect?',
    tools: ['list_integrations'],
    facts: [/WooCommerce/],
  },
  {
    intent: 'rules',
    text: "don't overwrite phone numbers we already have",
    tools: ['set_rule'],
    facts: [/phone numbers/],
    pending: true,
  },
  {
    intent: 'rules',
    text: 'merge customers with the same phone, but ask me first',
    tools: ['set_rule', 'set_rule'],
    facts: [/Ask me before merging/],
    pending: true,
  },
  {
    intent: 'sync_logs',
    text: 'what happened with Shopify last night?',
    tools: ['sync_logs'],
    facts: [/No sync runs/],
  },
  { intent: 'insights', text: 'how is business?', tools: ['insights'], facts: ['TSh'] },
  { intent: 'insights', text: 'biashara inaendaje?', tools: ['insights'], facts: ['TSh'] },
  { intent: 'take_action', text: 'take action 1', tools: ['take_action'], facts: [], pending: true },
  { intent: 'import_help', text: 'how do I import my customers?', tools: [], facts: ['preview', 'confirm'] },
  { intent: 'import_help', text: 'nataka kuingiza wateja kutoka Excel', tools: [], facts: ['thibitisha'] },
  { intent: 'help', text: 'what can you do?', tools: [], facts: ['Who owes me'] },
  { intent: 'help', text: 'msaada', tools: [], facts: ['Nani ananidai'] },
  { intent: 'greeting', text: 'habari', tools: [], facts: ['Habari'] },
  { intent: 'unknown', text: 'send all invoices to my cousin', tools: [], facts: [] },
];

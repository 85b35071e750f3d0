/**
 * Every system the product means to connect (DESIGN.md §1), with its category, where it is used and
 * what it syncs. Systems whose connector is built are marked available by the catalogue; the rest are
 * listed honestly as not yet available, never as connectable.
 */
import type { ConnectorCategory } from './define.ts';

export interface SystemEntry {
  /** The connector id once built. */
  id: string;
  name: string;
  category: ConnectorCategory;
  regions: readonly string[];
  syncs: readonly string[];
  /** Other names owners use for it. */
  aliases?: readonly string[];
}

export const systems: readonly SystemEntry[] = [
  {
    id: 'shopify',
    name: 'Shopify',
    category: 'ecommerce',
    regions: ['global'],
    syncs: ['customers', 'products', 'orders', 'inventory'],
  },
  {
    id: 'woocommerce',
    name: 'WooCommerce',
    category: 'ecommerce',
    regions: ['global'],
    syncs: ['customers', 'products', 'orders'],
    aliases: ['woo', 'wordpress'],
  },
  {
    id: 'custom_webhook',
    name: 'Custom POS or website',
    category: 'pos',
    regions: ['global'],
    syncs: ['orders', 'customers', 'products', 'payments', 'inventory'],
    aliases: ['custom', 'pos', 'website', 'own system', 'webhook', 'api'],
  },
  {
    id: 'lightspeed',
    name: 'Lightspeed Retail',
    category: 'pos',
    regions: ['global'],
    syncs: ['customers', 'products', 'orders', 'inventory'],
  },
  {
    id: 'odoo',
    name: 'Odoo',
    category: 'pos',
    regions: ['global'],
    syncs: ['customers', 'products', 'orders', 'invoices', 'inventory'],
  },
  {
    id: 'quickbooks',
    name: 'QuickBooks Online',
    category: 'accounting',
    regions: ['global'],
    syncs: ['customers', 'invoices', 'payments', 'products'],
    aliases: ['qbo', 'intuit'],
  },
  {
    id: 'xero',
    name: 'Xero',
    category: 'accounting',
    regions: ['global'],
    syncs: ['customers', 'invoices', 'payments', 'products'],
  },
  {
    id: 'zoho_books',
    name: 'Zoho Books',
    category: 'accounting',
    regions: ['global'],
    syncs: ['customers', 'invoices', 'payments', 'products'],
    aliases: ['zoho'],
  },
  {
    id: 'mpesa_daraja',
    name: 'M-Pesa (Safaricom Daraja)',
    category: 'payments',
    regions: ['KE'],
    syncs: ['payments'],
    aliases: ['mpesa', 'm-pesa', 'safaricom', 'daraja', 'lipa na mpesa'],
  },
  {
    id: 'mpesa_vodacom',
    name: 'M-Pesa (Vodacom Tanzania)',
    category: 'payments',
    regions: ['TZ', 'CD', 'GH', 'LS', 'MZ'],
    syncs: ['payments'],
    aliases: ['vodacom', 'm-pesa tanzania'],
  },
  {
    id: 'airtel_money',
    name: 'Airtel Money',
    category: 'payments',
    regions: ['TZ', 'KE', 'UG', 'RW', 'ZM', 'MW'],
    syncs: ['payments'],
    aliases: ['airtel'],
  },
  {
    id: 'tigo_pesa',
    name: 'Tigo Pesa (Mixx by Yas)',
    category: 'payments',
    regions: ['TZ'],
    syncs: ['payments'],
    aliases: ['tigo', 'mixx', 'yas'],
  },
  {
    id: 'flutterwave',
    name: 'Flutterwave',
    category: 'payments',
    regions: ['KE', 'TZ', 'UG', 'NG', 'GH', 'ZA'],
    syncs: ['payments'],
  },
  { id: 'paypal', name: 'PayPal', category: 'payments', regions: ['global'], syncs: ['payments'] },
  {
    id: 'stripe',
    name: 'Stripe',
    category: 'payments',
    regions: ['global'],
    syncs: ['payments', 'customers', 'invoices'],
  },
  {
    id: 'salesforce',
    name: 'Salesforce',
    category: 'crm',
    regions: ['global'],
    syncs: ['customers', 'leads', 'activities'],
  },
  {
    id: 'facebook_lead_ads',
    name: 'Facebook Lead Ads',
    category: 'leads',
    regions: ['global'],
    syncs: ['leads'],
    aliases: ['facebook', 'meta', 'instagram'],
  },
  {
    id: 'whatsapp_business',
    name: 'WhatsApp Business',
    category: 'communication',
    regions: ['global'],
    syncs: ['messages'],
    aliases: ['whatsapp'],
  },
  { id: 'telegram', name: 'Telegram', category: 'communication', regions: ['global'], syncs: ['messages'] },
  {
    id: 'email_smtp',
    name: 'Email (SMTP)',
    category: 'communication',
    regions: ['global'],
    syncs: ['messages'],
    aliases: ['email', 'smtp'],
  },
  { id: 'gmail', name: 'Gmail', category: 'communication', regions: ['global'], syncs: ['messages'] },
  {
    id: 'africas_talking',
    name: "Africa's Talking SMS",
    category: 'communication',
    regions: ['KE', 'TZ', 'UG', 'RW', 'NG'],
    syncs: ['messages'],
    aliases: ['sms', 'africastalking'],
  },
  {
    id: 'twilio',
    name: 'Twilio SMS',
    category: 'communication',
    regions: ['global'],
    syncs: ['messages'],
    aliases: ['sms'],
  },
  {
    id: 'google_sheets',
    name: 'Google Sheets',
    category: 'productivity',
    regions: ['global'],
    syncs: ['customers', 'products', 'invoices'],
    aliases: ['sheets', 'google sheet'],
  },
  {
    id: 'google_calendar',
    name: 'Google Calendar',
    category: 'productivity',
    regions: ['global'],
    syncs: ['activities'],
    aliases: ['calendar'],
  },
];

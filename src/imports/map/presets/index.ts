/** Every known source-system preset, in detection order (earlier wins a full tie). */
import { googleContacts, outlookContacts } from './contacts.ts';
import { hubspotContacts, salesforceContacts, salesforceLeads } from './crm.ts';
import { mpesaBusinessStatement, mpesaPersonalStatement } from './mpesa.ts';
import { lightspeedCustomers, lightspeedProducts, odooContacts, odooProducts } from './pos.ts';
import {
  quickbooksCustomers,
  quickbooksCustomersModern,
  quickbooksInvoices,
  quickbooksProducts,
  quickbooksTransactions,
} from './quickbooks.ts';
import { shopifyCustomers, shopifyOrders, shopifyProducts } from './shopify.ts';
import type { SourcePreset } from './types.ts';
import { woocommerceCustomers, woocommerceOrders, woocommerceProducts } from './woocommerce.ts';
import { xeroContacts, xeroInvoices } from './xero.ts';
import { zohoContacts, zohoInvoices, zohoItems } from './zoho.ts';

export type { SourcePreset } from './types.ts';

/** All presets. */
export const presets: SourcePreset[] = [
  mpesaBusinessStatement,
  mpesaPersonalStatement,
  shopifyCustomers,
  shopifyProducts,
  shopifyOrders,
  woocommerceCustomers,
  woocommerceProducts,
  woocommerceOrders,
  quickbooksCustomers,
  quickbooksCustomersModern,
  quickbooksProducts,
  quickbooksInvoices,
  quickbooksTransactions,
  xeroContacts,
  xeroInvoices,
  zohoContacts,
  zohoItems,
  zohoInvoices,
  salesforceContacts,
  salesforceLeads,
  hubspotContacts,
  googleContacts,
  outlookContacts,
  odooContacts,
  odooProducts,
  lightspeedCustomers,
  lightspeedProducts,
];

/**
 * WooCommerce exports. WooCommerce core exports products as CSV (Products → Export); customers and
 * orders come from the Analytics reports' "Download" button. Order/customer CSV plugins write other
 * layouts, which the synonyms handle.
 */
import type { SourcePreset } from './types.ts';

const productHeaders = [
  'ID',
  'Type',
  'SKU',
  'GTIN, UPC, EAN, or ISBN',
  'Name',
  'Published',
  'Is featured?',
  'Visibility in catalog',
  'Short description',
  'Description',
  'Date sale price starts',
  'Date sale price ends',
  'Tax status',
  'Tax class',
  'In stock?',
  'Stock',
  'Low stock amount',
  'Backorders allowed?',
  'Sold individually?',
  'Weight (kg)',
  'Length (cm)',
  'Width (cm)',
  'Height (cm)',
  'Allow customer reviews?',
  'Purchase note',
  'Sale price',
  'Regular price',
  'Categories',
  'Tags',
  'Shipping class',
  'Images',
  'Download limit',
  'Download expiry days',
  'Parent',
  'Grouped products',
  'Upsells',
  'Cross-sells',
  'External URL',
  'Button text',
  'Position',
];

export const woocommerceProducts: SourcePreset = {
  system: 'woocommerce',
  label: 'WooCommerce — products CSV export',
  entity: 'products',
  headers: productHeaders,
  mapping: {
    ...Object.fromEntries(productHeaders.map((header) => [header, null])),
    SKU: 'sku',
    'GTIN, UPC, EAN, or ISBN': 'barcode',
    Name: 'name',
    Description: 'description',
    Stock: 'stock_qty',
    'Low stock amount': 'reorder_level',
    'Regular price': 'price',
    Categories: 'category',
    // Only when the cost-of-goods feature is on.
    'Cost of goods': 'cost',
  },
  notes:
    '"Regular price" is the list price; "Sale price" (when set) is a temporary discount and is not imported. ' +
    '"Stock" is empty when stock is not managed. Variations are rows of Type "variation" whose Parent names the ' +
    'parent product. Categories are comma-separated paths ("Vinywaji > Soda"). Weight and size units follow the ' +
    'store settings, so those headers vary and are left out of the signature.',
  rowShape: 'one-per-record',
  signature: productHeaders.filter(
    (header) => !/\((kg|g|lbs|oz|cm|m|mm|in|yd)\)$/.test(header) && !header.startsWith('GTIN'),
  ),
  evidence: {
    status: 'confirmed',
    source:
      'WooCommerce source, WC_Product_CSV_Exporter::get_default_column_names() (plugins/woocommerce/includes/' +
      'export/class-wc-product-csv-exporter.php); attribute, download and meta columns are appended per store.',
  },
};

const customerHeaders = [
  'Name',
  'Username',
  'Last active',
  'Date registered',
  'Email',
  'Orders',
  'Total spend',
  'AOV',
  'Country / Region',
  'City',
  'Region',
  'Postal code',
];

export const woocommerceCustomers: SourcePreset = {
  system: 'woocommerce',
  label: 'WooCommerce — Analytics › Customers download',
  entity: 'customers',
  headers: customerHeaders,
  mapping: {
    Name: 'full_name',
    Username: null,
    Role: null,
    'Last active': null,
    'Date registered': null,
    // The emailed (large) export spells it "Sign Up".
    'Sign Up': null,
    Email: 'email',
    Orders: null,
    'Total spend': null,
    AOV: null,
    'Country / Region': 'country',
    City: 'city',
    Region: 'region',
    'Postal code': 'postal_code',
  },
  notes:
    'The report has no phone column: WooCommerce keeps the billing phone on orders only. Country is a two-letter ' +
    'code (TZ, KE). City, Region and Postal code are hidden by default and only exported when shown in the table.',
  rowShape: 'one-per-record',
  dateOrder: 'ymd',
  signature: [
    'Name',
    'Last active',
    'Date registered',
    'Email',
    'Orders',
    'Total spend',
    'AOV',
    'Country / Region',
  ],
  evidence: {
    status: 'confirmed',
    source:
      'WooCommerce source, Analytics customers report table (client/admin/client/analytics/report/customers/' +
      'table.js); column labels are the CSV headers of the report download.',
  },
};

const orderHeaders = [
  'Date',
  'Order #',
  'Status',
  'Customer',
  'Customer type',
  'Payment method',
  'Product(s)',
  'Items sold',
  'Coupon(s)',
  'Net sales',
  'Attribution',
];

export const woocommerceOrders: SourcePreset = {
  system: 'woocommerce',
  label: 'WooCommerce — Analytics › Orders download',
  // Orders are imported as invoices (see the Shopify orders preset).
  entity: 'invoices',
  headers: orderHeaders,
  mapping: {
    Date: 'issue_date',
    'Order #': 'number',
    Status: 'status',
    Customer: 'customer',
    'Customer type': null,
    'Payment method': null,
    'Product(s)': null,
    'Items sold': null,
    'Coupon(s)': null,
    'Net sales': 'total',
    Attribution: null,
  },
  notes:
    'One row per order. "Net sales" excludes tax and shipping, so the invoice total is the net sale; statuses are ' +
    "WooCommerce's (completed, processing, on-hold, refunded). No balance column: paid-ness follows the status. " +
    'As an order: number = Order #, customer, ordered_at = Date, total = Net sales, status.',
  rowShape: 'one-per-record',
  dateOrder: 'ymd',
  signature: [
    'Date',
    'Order #',
    'Status',
    'Customer',
    'Customer type',
    'Product(s)',
    'Items sold',
    'Coupon(s)',
    'Net sales',
  ],
  evidence: {
    status: 'confirmed',
    source:
      'WooCommerce source, Analytics orders report table (client/admin/client/analytics/report/orders/table.js); ' +
      '"Payment method" and "Attribution" appear in recent versions only.',
  },
};

/**
 * ERP and point-of-sale exports: Odoo (contacts, products) and Lightspeed Retail X-Series (formerly
 * Vend; customers, products). Neither has one fixed export: Odoo writes the fields picked in its
 * export dialog, Lightspeed's layout follows the store's outlets and taxes.
 */
import type { SourcePreset } from './types.ts';

export const odooContacts: SourcePreset = {
  system: 'odoo',
  label: 'Odoo — contacts (res.partner) export',
  entity: 'customers',
  headers: [
    'Name',
    'Is a Company',
    'Related Company',
    'Street',
    'Street2',
    'City',
    'State',
    'Zip',
    'Country',
    'Email',
    'Phone',
    'Mobile',
    'Tags',
    'Salesperson',
  ],
  mapping: {
    'External ID': null,
    Name: 'full_name',
    'Display Name': null,
    'Is a Company': null,
    'Related Company': 'company',
    'Company Name': 'company',
    Street: 'street',
    Street2: null,
    City: 'city',
    State: 'region',
    Zip: 'postal_code',
    Country: 'country',
    Email: 'email',
    Phone: 'phone',
    Mobile: null,
    Tags: 'tags',
    Salesperson: null,
    // "Import-compatible" exports use the technical field names.
    id: null,
    name: 'full_name',
    is_company: null,
    parent_id: 'company',
    street: 'street',
    street2: null,
    city: 'city',
    state_id: 'region',
    zip: 'postal_code',
    country_id: 'country',
    email: 'email',
    phone: 'phone',
    mobile: null,
    category_id: 'tags',
    user_id: null,
  },
  notes:
    'Companies and their people are rows of the same export ("Is a Company" true/false; people point at their ' +
    'company). Odoo 17 and older have a separate Mobile column, used by the pipeline when Phone is empty.',
  rowShape: 'one-per-record',
  dateOrder: 'ymd',
  signature: [
    'Name',
    'Is a Company',
    'Related Company',
    'Street',
    'Street2',
    'City',
    'Zip',
    'Country',
    'Email',
    'Phone',
  ],
  evidence: {
    status: 'partial',
    source:
      'Odoo documentation on importing contacts ("External ID,Name,Is a Company,Related Company/External ID") and ' +
      'Odoo\'s own customers sample file ("Name,Is a company,Related company,Address type,Street,ZIP,City,State,' +
      'Country"); the exact set depends on the fields chosen in the export dialog.',
  },
};

export const odooProducts: SourcePreset = {
  system: 'odoo',
  label: 'Odoo — products (product.template) export',
  entity: 'products',
  headers: [
    'Name',
    'Internal Reference',
    'Barcode',
    'Product Type',
    'Product Category',
    'Sales Price',
    'Cost',
    'Quantity On Hand',
    'Unit of Measure',
  ],
  mapping: {
    'External ID': null,
    Name: 'name',
    'Internal Reference': 'sku',
    Barcode: 'barcode',
    'Product Type': null,
    'Product Category': 'category',
    'Sales Price': 'price',
    'Sale Price': 'price',
    Cost: 'cost',
    'Quantity On Hand': 'stock_qty',
    'Unit of Measure': 'unit',
    'Sales Description': 'description',
    // "Import-compatible" exports use the technical field names.
    id: null,
    name: 'name',
    default_code: 'sku',
    barcode: 'barcode',
    type: null,
    categ_id: 'category',
    list_price: 'price',
    standard_price: 'cost',
    qty_available: 'stock_qty',
    uom_id: 'unit',
  },
  notes:
    'Product categories are paths ("All / Saleable / Vinywaji"). Variants are separate product.product records; ' +
    'this export is one row per product template.',
  rowShape: 'one-per-record',
  signature: [
    'Name',
    'Internal Reference',
    'Barcode',
    'Product Type',
    'Product Category',
    'Sales Price',
    'Cost',
  ],
  evidence: {
    status: 'partial',
    source:
      'Odoo field labels as written in public Odoo product import files ("External ID,Name,Product Type,Internal ' +
      "Reference,Barcode,Sales Price,Cost\") and Odoo's sample products file; the column set is the user's choice.",
  },
};

export const lightspeedCustomers: SourcePreset = {
  system: 'lightspeed-x',
  label: 'Lightspeed Retail (X-Series) — customers export',
  entity: 'customers',
  headers: [
    'customer_code',
    'first_name',
    'last_name',
    'company_name',
    'email',
    'phone',
    'mobile',
    'physical_address_1',
    'physical_address_2',
    'physical_suburb',
    'physical_city',
    'physical_postcode',
    'physical_state',
    'physical_country_id',
    'customer_group_name',
    'note',
  ],
  mapping: {
    id: null,
    customer_code: null,
    first_name: 'first_name',
    last_name: 'last_name',
    company_name: 'company',
    email: 'email',
    phone: null,
    mobile: 'phone',
    physical_address_1: 'street',
    physical_address_2: null,
    physical_suburb: null,
    physical_city: 'city',
    physical_postcode: 'postal_code',
    physical_state: 'region',
    physical_country_id: 'country',
    customer_group_name: 'tags',
    note: 'notes',
  },
  notes:
    'Best guess: field names of the X-Series customer, which its CSV export and import use; not checked against ' +
    'an exported file. Country is a two-letter code.',
  rowShape: 'one-per-record',
  signature: [
    'customer_code',
    'first_name',
    'last_name',
    'company_name',
    'physical_address_1',
    'physical_city',
    'physical_country_id',
  ],
  evidence: {
    status: 'unconfirmed',
    source:
      'Lightspeed X-Series API customer fields (as documented for the Fivetran connector schema); no public copy ' +
      'of the customers CSV header was found.',
  },
};

export const lightspeedProducts: SourcePreset = {
  system: 'lightspeed-x',
  label: 'Lightspeed Retail (X-Series) — products export',
  entity: 'products',
  headers: [
    'id',
    'handle',
    'sku',
    'name',
    'description',
    'type',
    'tags',
    'supply_price',
    'retail_price',
    'tax_name',
    'brand_name',
    'supplier_name',
    'supplier_code',
    'active',
    'track_inventory',
    'inventory_Main_Outlet',
    'reorder_point_Main_Outlet',
    'restock_level_Main_Outlet',
  ],
  mapping: {
    id: null,
    handle: null,
    sku: 'sku',
    name: 'name',
    description: 'description',
    type: 'category',
    tags: null,
    supply_price: 'cost',
    retail_price: 'price',
    tax_name: null,
    brand_name: null,
    supplier_name: null,
    supplier_code: null,
    active: null,
    track_inventory: null,
    inventory_Main_Outlet: 'stock_qty',
    reorder_point_Main_Outlet: 'reorder_level',
    restock_level_Main_Outlet: null,
  },
  notes:
    'Stock columns are per outlet ("inventory_<Outlet name>"): the first outlet is mapped here; a store with more ' +
    'outlets imports the others as inventory by location. Retail price is tax-inclusive or exclusive per store ' +
    'setting. Variants are rows sharing a handle.',
  rowShape: 'one-per-record',
  signature: ['id', 'handle', 'sku', 'name', 'supply_price', 'retail_price', 'tax_name'],
  evidence: {
    status: 'partial',
    source:
      '"id, name, handle, sku, retail_price, tax_name are the mandatory fields for importing" (a Vend maintainer ' +
      'in a public vend-tools issue); the other columns are X-Series product fields, not seen in a real file.',
  },
};

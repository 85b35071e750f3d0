/**
 * WooCommerce REST API v3 payloads as documented (money as strings with the shop's decimals, `*_gmt`
 * dates in UTC without an offset). Only the fields Kiungo reads are listed; the rest stay in `raw`.
 * Lenient where shops differ: plugins null out fields, older versions lack newer ones.
 *
 * https://woocommerce.github.io/woocommerce-rest-api-docs/#order-properties
 */
import { z } from 'zod';

const text = z.string().nullish();

const address = z.object({
  first_name: text,
  last_name: text,
  company: text,
  address_1: text,
  address_2: text,
  city: text,
  state: text,
  postcode: text,
  country: text,
  email: text,
  phone: text,
});

export type WooAddress = z.output<typeof address>;

const lineItem = z.object({
  id: z.number(),
  name: z.string(),
  product_id: z.number().nullish(),
  variation_id: z.number().nullish(),
  quantity: z.number(),
  subtotal: z.string().nullish(),
  total: z.string(),
  sku: text,
  /** The unit price after discounts, before tax; a JSON number such as 18.333333. */
  price: z.union([z.number(), z.string()]).nullish(),
});

/** https://woocommerce.github.io/woocommerce-rest-api-docs/#order-properties */
export const wooOrder = z.object({
  id: z.number().int(),
  number: z.union([z.string(), z.number()]).transform(String),
  status: z.string(),
  currency: z.string(),
  date_created_gmt: z.string(),
  date_modified_gmt: text,
  total: z.string(),
  /** 0 for a guest checkout. */
  customer_id: z.number().int().default(0),
  billing: address.partial().nullish(),
  line_items: z.array(lineItem).default([]),
});

export type WooOrder = z.output<typeof wooOrder>;

/** https://woocommerce.github.io/woocommerce-rest-api-docs/#customer-properties */
export const wooCustomer = z.object({
  id: z.number().int(),
  date_created_gmt: text,
  date_modified_gmt: text,
  email: text,
  first_name: text,
  last_name: text,
  username: text,
  billing: address.partial().nullish(),
  shipping: address.partial().nullish(),
});

export type WooCustomer = z.output<typeof wooCustomer>;

const category = z.object({ id: z.number().optional(), name: z.string() });

/** https://woocommerce.github.io/woocommerce-rest-api-docs/#product-properties */
export const wooProduct = z.object({
  id: z.number().int(),
  name: z.string(),
  /** simple, grouped, external, variable; `variation` when a variation is read through /products. */
  type: z.string().default('simple'),
  parent_id: z.number().int().nullish(),
  sku: text,
  price: text,
  description: text,
  short_description: text,
  stock_quantity: z.number().nullish(),
  categories: z.array(category).default([]),
  date_modified_gmt: text,
  /** GTIN, UPC, EAN or ISBN (WooCommerce 9.2+). */
  global_unique_id: text,
  /** Cost of goods sold (WooCommerce 9.5+, when the feature is on). */
  cost_of_goods_sold: z.object({ total_value: z.union([z.number(), z.string()]).nullish() }).nullish(),
  variations: z.array(z.number()).default([]),
});

export type WooProduct = z.output<typeof wooProduct>;

/** https://woocommerce.github.io/woocommerce-rest-api-docs/#product-variation-properties */
export const wooVariation = z.object({
  id: z.number().int(),
  /** Only in newer WooCommerce versions; built from the parent and the attributes otherwise. */
  name: text,
  sku: text,
  price: text,
  description: text,
  stock_quantity: z.number().nullish(),
  date_modified_gmt: text,
  global_unique_id: text,
  attributes: z.array(z.object({ name: z.string().nullish(), option: z.string().nullish() })).default([]),
  cost_of_goods_sold: z.object({ total_value: z.union([z.number(), z.string()]).nullish() }).nullish(),
});

export type WooVariation = z.output<typeof wooVariation>;

/** What a `*.deleted` webhook carries. */
export const wooDeleted = z.object({ id: z.number().int() });

/** https://woocommerce.github.io/woocommerce-rest-api-docs/#webhook-properties */
export const wooWebhook = z.object({
  id: z.number().int(),
  name: text,
  status: z.string(),
  topic: z.string(),
  delivery_url: z.string(),
});

export type WooWebhook = z.output<typeof wooWebhook>;

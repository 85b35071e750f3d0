/**
 * Paging through a shop's orders, customers and products.
 *
 * Pages are numbered (`page`, `per_page=100`, `X-WP-TotalPages`), and the position is the number of
 * the next page. Numbered pages shift when the set being paged changes underneath: a record that
 * leaves the set moves every later record one place back, and one of them is never seen. So the
 * pages are sorted by `id` ascending, not by `modified`: sorted by modification time, every record
 * already read that changes during the run (an order going from processing to completed) jumps to
 * the end and pushes a record off; sorted by id, it stays where it is, new records land on the last
 * page, and only a deletion can shift a page. A changed record that was already read is picked up
 * by the next incremental run: the engine's watermark is the start of this run, minus an overlap.
 * Records read twice (a record entering an earlier page pushes one forward) are harmless: the engine
 * drops them by external id and payload hash.
 *
 * `modified_after` is exclusive and WooCommerce keeps whole seconds, so the window starts one second
 * early. Customers have no modification filter in the API (orderby id|include|name|registered_date,
 * no modified_after), so every customer is read and those unchanged since the window are dropped here.
 * The list holds users with the `customer` role (the API's default); buyers with another role still
 * reach Kiungo through their orders' billing details.
 * Trashed orders are not listed by the API; their `order.deleted` webhook reports them.
 */
import type { z } from 'zod';
import type { Stream, SyncRecord } from '../../sync/records.ts';
import type { ConnectorRuntime, StreamBatch, SyncRequest } from '../define.ts';
import type { HttpClient, HttpResponse } from '../http-client.ts';
import { numberedPages } from '../paginate.ts';
import { readSetting, wooClient } from './api.ts';
import type { WooConfig } from './config.ts';
import { mapCustomer, mapOrder, mapProduct, mapVariation } from './map.ts';
import { type WooProduct, wooCustomer, wooOrder, wooProduct, wooVariation } from './schemas.ts';

export const perPage = 100;

type Query = Record<string, string | number | boolean | undefined>;

/** GMT without milliseconds or offset, as WooCommerce compares it with `dates_are_gmt=true`. */
function wooDate(instant: Date): string {
  return instant.toISOString().slice(0, 19);
}

function windowQuery(request: SyncRequest): Query {
  if (request.mode === 'full' || (!request.since && !request.until)) return {};
  return {
    dates_are_gmt: true,
    modified_after: request.since ? wooDate(new Date(request.since.getTime() - 1000)) : undefined,
    modified_before: request.until ? wooDate(request.until) : undefined,
  };
}

/** Items of a list reply that match the vendor schema; the others are logged and skipped. */
function validItems<Schema extends z.ZodType>(
  runtime: ConnectorRuntime<WooConfig>,
  schema: Schema,
  what: string,
) {
  return (response: HttpResponse): z.output<Schema>[] => {
    const items = Array.isArray(response.body) ? (response.body as unknown[]) : [];
    const valid: z.output<Schema>[] = [];
    for (const item of items) {
      const parsed = schema.safeParse(item);
      if (parsed.success) valid.push(parsed.data);
      else {
        const id = (item as { id?: unknown } | null)?.id;
        runtime.log('warn', `Skipped WooCommerce ${what} ${String(id ?? '?')}: unexpected shape`, {
          issues: parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.')}: ${issue.message}`),
        });
      }
    }
    return valid;
  };
}

/** Maps each item, logging and skipping those that cannot be mapped (an unknown currency code). */
function mapAll<Item extends { id: number }>(
  runtime: ConnectorRuntime<WooConfig>,
  items: Item[],
  what: string,
  map: (item: Item) => SyncRecord | SyncRecord[] | null,
): SyncRecord[] {
  const records: SyncRecord[] = [];
  for (const item of items) {
    try {
      const mapped = map(item);
      if (Array.isArray(mapped)) records.push(...mapped);
      else if (mapped) records.push(mapped);
    } catch (error) {
      runtime.log('warn', `Skipped WooCommerce ${what} ${item.id}: ${(error as Error).message}`);
    }
  }
  return records;
}

/** The shop's currency, read once and remembered in the connection's configuration. */
export async function shopCurrency(runtime: ConnectorRuntime<WooConfig>, http: HttpClient): Promise<string> {
  if (runtime.config.currency) return runtime.config.currency;
  const value = (await readSetting(http, 'general', 'woocommerce_currency'))?.toUpperCase();
  if (value && /^[A-Z]{3}$/.test(value)) {
    await runtime.saveConfig({ currency: value });
    return value;
  }
  runtime.log('warn', `Could not read the shop's currency; using ${runtime.tenant.currency}`);
  return runtime.tenant.currency;
}

/** The variations of each variable product on a page (a separate endpoint per product). */
async function withVariations(
  runtime: ConnectorRuntime<WooConfig>,
  http: HttpClient,
  products: WooProduct[],
  currency: string,
): Promise<SyncRecord[]> {
  const records: SyncRecord[] = [];
  for (const product of products) {
    if (product.type !== 'variable') {
      records.push(...mapAll(runtime, [product], 'product', (item) => mapProduct(item, currency)));
      continue;
    }
    // https://woocommerce.github.io/woocommerce-rest-api-docs/#list-all-product-variations
    const pages = numberedPages(
      http,
      {
        path: `products/${product.id}/variations`,
        query: { per_page: perPage, orderby: 'id', order: 'asc' },
        totalPagesHeader: 'x-wp-totalpages',
      },
      null,
      validItems(runtime, wooVariation, 'variation'),
      { signal: runtime.signal },
    );
    for await (const page of pages) {
      records.push(
        ...mapAll(runtime, page.items, 'variation', (item) => mapVariation(item, product, currency)),
      );
    }
  }
  return records;
}

export async function* syncWooCommerce(
  runtime: ConnectorRuntime<WooConfig>,
  stream: Stream,
  request: SyncRequest,
  resumeFrom: string | null,
): AsyncGenerator<StreamBatch> {
  const http = wooClient(runtime);
  const signal = runtime.signal;
  const currency = stream === 'products' ? await shopCurrency(runtime, http) : '';
  const toRecords = async (items: unknown[]): Promise<SyncRecord[]> => {
    if (stream === 'orders') return mapAll(runtime, items as z.output<typeof wooOrder>[], 'order', mapOrder);
    if (stream === 'customers') {
      const records = mapAll(runtime, items as z.output<typeof wooCustomer>[], 'customer', mapCustomer);
      return records.filter((record) => inWindow(record.changedAt, request));
    }
    return withVariations(runtime, http, items as WooProduct[], currency);
  };
  const schema = stream === 'orders' ? wooOrder : stream === 'customers' ? wooCustomer : wooProduct;
  const itemsOf = validItems(runtime, schema, stream.slice(0, -1));

  if (request.mode === 'records') {
    // `include` takes at most per_page ids per request; the position is the next chunk's index.
    const ids = [...new Set(request.ids ?? [])].filter((id) => /^\d+$/.test(id));
    for (let chunk = resumeFrom ? Number(resumeFrom) : 0; chunk * perPage < ids.length; chunk++) {
      const include = ids.slice(chunk * perPage, (chunk + 1) * perPage).join(',');
      const response = await http.request('GET', stream, {
        query: { include, per_page: perPage, orderby: 'include' },
        signal,
      });
      const more = (chunk + 1) * perPage < ids.length;
      yield {
        records: await toRecords(itemsOf(response)),
        position: more ? String(chunk + 1) : null,
        total: ids.length,
      };
    }
    if (ids.length === 0) yield { records: [], position: null, total: 0 };
    return;
  }

  // https://woocommerce.github.io/woocommerce-rest-api-docs/#list-all-orders (customers, products alike)
  const filtered = stream === 'customers' && (request.since || request.until) && request.mode !== 'full';
  const query: Query = {
    per_page: perPage,
    orderby: 'id',
    order: 'asc',
    ...(stream === 'customers' ? {} : windowQuery(request)),
  };
  const pages = numberedPages(
    http,
    { path: stream, query, totalPagesHeader: 'x-wp-totalpages' },
    resumeFrom,
    itemsOf,
    {
      signal,
    },
  );
  for await (const page of pages) {
    yield {
      records: await toRecords(page.items),
      position: page.next,
      total: filtered ? undefined : page.total,
    };
  }
}

function inWindow(changedAt: Date | null | undefined, request: SyncRequest): boolean {
  if (request.mode === 'full' || !changedAt) return true;
  if (request.since && changedAt < request.since) return false;
  if (request.until && changedAt >= request.until) return false;
  return true;
}

import { describe, expect, it } from 'vitest';
import { drain, testRuntime } from '../../../tests/support/connector-runtime.ts';
import { useWooShop } from '../../../tests/support/vendors/woocommerce.ts';
import type { Stream, SyncRecord } from '../../sync/records.ts';
import type { StreamBatch, SyncRequest } from '../define.ts';
import { type WooConfig, wooConfig } from './config.ts';
import { woocommerce } from './index.ts';

const shop = useWooShop();

function runtime(overrides: Partial<Record<keyof WooConfig, string>> = {}) {
  return testRuntime<WooConfig>(
    wooConfig.parse({
      siteUrl: 'https://shop.test',
      consumerKey: 'ck_abc',
      consumerSecret: 'cs_def',
      webhookSecret: 'a-long-webhook-secret',
      ...overrides,
    }),
  );
}

const sync = (
  stream: Stream,
  request: SyncRequest,
  resumeFrom: string | null = null,
  rt: ReturnType<typeof runtime> = runtime(),
): AsyncIterable<StreamBatch> => (woocommerce.sync ?? expect.unreachable())(rt, stream, request, resumeFrom);

const ids = (records: SyncRecord[]) => records.map((record) => record.externalId);
const lastRequest = () => shop().requests.at(-1)?.url.searchParams;

describe('WooCommerce paging', () => {
  it('reads every page of 100 with exact counts and checkpoints each page', async () => {
    shop().generateOrders(250);
    const batches: StreamBatch[] = [];
    for await (const batch of sync('orders', { mode: 'full' })) batches.push(batch);
    expect(batches.map((batch) => batch.records.length)).toEqual([100, 100, 50]);
    expect(batches.map((batch) => batch.position)).toEqual(['2', '3', null]);
    expect(batches.map((batch) => batch.total)).toEqual([250, 250, 250]);
    const records = batches.flatMap((batch) => batch.records);
    expect(new Set(ids(records)).size).toBe(250);
    expect(ids(records).slice(0, 2)).toEqual(['1001', '1002']);
    expect(shop().requests).toHaveLength(3);
    const query = shop().requests[0]?.url.searchParams;
    expect(Object.fromEntries(query ?? [])).toEqual({
      per_page: '100',
      orderby: 'id',
      order: 'asc',
      page: '1',
    });
  });

  it('resumes from a middle page', async () => {
    shop().generateOrders(250);
    const { records, positions } = await drain(sync('orders', { mode: 'full' }, '2'));
    expect(records).toHaveLength(150);
    expect(ids(records)[0]).toBe('1101');
    expect(positions).toEqual(['3', null]);
    expect(shop().requests[0]?.url.searchParams.get('page')).toBe('2');
  });

  it('ends at once on an empty shop', async () => {
    shop().generateOrders(0);
    const { records, positions } = await drain(sync('orders', { mode: 'full' }));
    expect(records).toEqual([]);
    expect(positions).toEqual([null]);
  });
});

describe('WooCommerce windows', () => {
  it('asks for records modified since the watermark, one second early because the filter is exclusive', async () => {
    const since = new Date('2026-11-21T11:00:00Z');
    const { records } = await drain(sync('orders', { mode: 'incremental', since }));
    expect(Object.fromEntries(lastRequest() ?? [])).toMatchObject({
      modified_after: '2026-11-21T10:59:59',
      dates_are_gmt: 'true',
      orderby: 'id',
      order: 'asc',
    });
    // 729 was modified at exactly 11:00:00; 731 is a checkout draft.
    expect(ids(records)).toEqual(['728', '729', '730']);
  });

  it('bounds a range with modified_before', async () => {
    const request: SyncRequest = {
      mode: 'range',
      since: new Date('2026-11-21T00:00:00Z'),
      until: new Date('2026-11-22T00:00:00Z'),
    };
    const { records } = await drain(sync('orders', request));
    expect(lastRequest()?.get('modified_before')).toBe('2026-11-22T00:00:00');
    expect(ids(records)).toEqual(['728', '729']);
  });

  it('reads specific records with include', async () => {
    const { records, positions } = await drain(sync('orders', { mode: 'records', ids: ['730', '728', 'x'] }));
    expect(lastRequest()?.get('include')).toBe('730,728');
    expect(ids(records)).toEqual(['730', '728']);
    expect(positions).toEqual([null]);
  });

  it('filters customers itself, since the API cannot', async () => {
    const since = new Date('2026-11-20T00:00:00Z');
    const { records } = await drain(sync('customers', { mode: 'incremental', since }));
    expect(lastRequest()?.has('modified_after')).toBe(false);
    expect(ids(records)).toEqual(['26', '28']);
    const all = await drain(sync('customers', { mode: 'full' }));
    expect(ids(all.records)).toEqual(['26', '27', '28']);
  });
});

describe('WooCommerce products', () => {
  it('expands variable products into their variations, in the shop currency it learns once', async () => {
    const rt = runtime();
    const { records } = await drain(sync('products', { mode: 'full' }, null, rt));
    expect(ids(records)).toEqual(['31', '41', '42', '35']);
    expect(
      records.every(
        (record) => record.fields && 'currency' in record.fields && record.fields.currency === 'KES',
      ),
    ).toBe(true);
    expect(rt.saved).toEqual([{ currency: 'KES' }]);
    expect(shop().requests.map((request) => request.url.pathname)).toContain(
      '/wp-json/wc/v3/products/32/variations',
    );
    await drain(sync('products', { mode: 'full' }, null, rt));
    expect(rt.saved).toHaveLength(1);
  });
});

describe('WooCommerce failures', () => {
  it('retries 429 (honouring Retry-After), 500 and unreadable JSON', async () => {
    shop().generateOrders(150);
    shop().failNext('429', 2);
    shop().failNext('500');
    shop().failNext('malformed');
    const { records } = await drain(sync('orders', { mode: 'full' }));
    expect(records).toHaveLength(150);
    expect(shop().requests).toHaveLength(6);
  });

  it('retries an unreadable reply more than once', async () => {
    shop().failNext('malformed', 3);
    const { records } = await drain(sync('orders', { mode: 'full' }));
    expect(records).toHaveLength(4);
  });

  it('gives up on 401 with a credentials failure and WooCommerce’s message', async () => {
    const rt = runtime({ consumerSecret: 'cs_wrong' });
    await expect(drain(sync('orders', { mode: 'full' }, null, rt))).rejects.toMatchObject({
      failure: 'credentials',
      vendorStatus: 401,
      message: 'WooCommerce said: Sorry, you cannot list resources.',
      details: expect.objectContaining({ code: 'woocommerce_rest_cannot_view' }),
    });
    expect(shop().requests).toHaveLength(1);
  });

  it('explains a site without the WooCommerce REST API', async () => {
    const rt = runtime({ siteUrl: 'https://shop.test/blog' });
    await expect(drain(sync('orders', { mode: 'full' }, null, rt))).rejects.toMatchObject({
      failure: 'configuration',
      message: expect.stringContaining('Permalinks'),
    });
  });
});

describe('WooCommerce over plain HTTP on localhost', () => {
  const local = useWooShop({ siteUrl: 'http://localhost:8080' });

  it('signs each request with one-legged OAuth 1.0a, which the shop verifies', async () => {
    local().generateOrders(120);
    local().failNext('500');
    const rt = runtime({ siteUrl: 'http://localhost:8080' });
    const { records } = await drain(
      sync('orders', { mode: 'incremental', since: new Date('2026-10-01T00:00:00Z') }, null, rt),
    );
    expect(records).toHaveLength(120);
    const first = local().requests[1];
    expect(first?.url.searchParams.has('consumer_key')).toBe(false);
  });
});

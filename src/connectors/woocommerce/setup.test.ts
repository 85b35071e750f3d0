import { describe, expect, it } from 'vitest';
import { testRuntime } from '../../../tests/support/connector-runtime.ts';
import { useWooShop } from '../../../tests/support/vendors/woocommerce.ts';
import { type WooConfig, wooConfig } from './config.ts';
import { woocommerce } from './index.ts';
import { webhookTopics } from './setup.ts';

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

const setup = woocommerce.setup ?? expect.unreachable();
const check = woocommerce.check ?? expect.unreachable();

describe('WooCommerce check', () => {
  it('proves the keys and names the shop', async () => {
    expect(await check(runtime())).toEqual({ account: 'Duka la Amina' });
    expect(shop().requests[0]?.url.pathname).toBe('/wp-json/wc/v3/system_status');
  });

  it('fails with the credentials failure for a wrong secret', async () => {
    await expect(check(runtime({ consumerSecret: 'cs_nope' }))).rejects.toMatchObject({
      failure: 'credentials',
    });
  });
});

describe('WooCommerce setup', () => {
  it('registers one webhook per topic with the secret and this connection’s URL', async () => {
    const rt = runtime();
    const notes = await setup(rt);
    const hooks = shop().data.webhooks;
    expect(hooks.map((hook) => hook.topic)).toEqual([...webhookTopics]);
    expect(
      hooks.every((hook) => hook.delivery_url === rt.webhookUrl && hook.secret === 'a-long-webhook-secret'),
    ).toBe(true);
    expect(hooks.every((hook) => hook.status === 'active')).toBe(true);
    expect(rt.saved).toEqual([{ currency: 'KES' }]);
    expect(notes).toContain(
      `Added ${webhookTopics.length} webhooks to the shop: ${webhookTopics.join(', ')}`,
    );
  });

  it('skips webhooks already present and switches disabled ones back on', async () => {
    const rt = runtime();
    await setup(rt);
    const first = shop().data.webhooks[0];
    if (first) first.status = 'disabled';
    // Someone else's webhook for the same topic does not count.
    shop().data.webhooks.push({
      id: 900,
      name: 'Zapier',
      status: 'active',
      topic: 'order.created',
      delivery_url: 'https://hooks.zapier.test/1',
    });
    const before = shop().requests.length;
    const notes = await setup(rt);
    const writes = shop()
      .requests.slice(before)
      .filter((request) => request.method !== 'GET');
    expect(writes.map((request) => `${request.method} ${request.url.pathname}`)).toEqual([
      'PUT /wp-json/wc/v3/webhooks/100',
    ]);
    expect(first?.status).toBe('active');
    expect(notes).toContain('Switched back on 1 webhooks WooCommerce had disabled: order.created');
    expect(notes).toContain(
      `${webhookTopics.length - 1} webhooks were already in place: ${webhookTopics.slice(1).join(', ')}`,
    );
  });

  it('explains the manual steps when the key may only read', async () => {
    shop().setPermissions('read');
    const rt = runtime();
    const notes = await setup(rt);
    expect(shop().data.webhooks).toEqual([]);
    expect(notes.join('\n')).toContain('Read/Write key');
    expect(notes.join('\n')).toContain(rt.webhookUrl);
    expect(notes.join('\n')).toContain(webhookTopics.join(', '));
  });
});

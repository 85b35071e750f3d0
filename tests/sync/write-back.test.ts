/**
 * A sale from the till takes stock off in Kiungo (rule "update inventory after each sale") and the new
 * level goes to Shopify, once, however often the till repeats itself.
 */
import { and, eq } from 'drizzle-orm';
import { setupServer } from 'msw/node';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products, syncRuns } from '../../db/schema/index.ts';
import type { TenantContext } from '../../src/core/context.ts';
import { createApp } from '../../src/http/app.ts';
import { saveRule } from '../../src/rules/store.ts';
import { createConnection } from '../../src/sync/connections.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { createShopifyStore, quantityAt, shopifyHandlers } from '../support/vendors/shopify.ts';

const store = createShopifyStore({ restoreRate: 1000 });
const server = setupServer(...shopifyHandlers(store));
const kangaRed = 'gid://shopify/InventoryItem/10044100101';
const kariakoo = 'gid://shopify/Location/71203012';
const secret = `whsec_${btoa('till-signing-secret-0123')}`;
let harness: Harness;
let owner: TenantContext;
let app: ReturnType<typeof createApp>;
let tillId: string;
let shopifyId: string;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  harness = await createHarness({ demo: true });
  owner = await harness.context();
  app = createApp(harness.deps);
  await harness.db.orm.insert(products).values({
    tenantId: owner.tenant.id,
    name: 'Kanga (red)',
    sku: 'KNG-RED',
    currency: 'TZS',
    stockQty: 10,
    price: 1_500_000,
  });
  await saveRule(harness.db, owner.tenant.id, 'update_inventory_after_sale', true);
  tillId = (
    await createConnection(harness.deps, owner, {
      connector: 'custom_webhook',
      name: 'Till',
      config: { signingSecret: secret },
    })
  ).row.id;
  shopifyId = (
    await createConnection(harness.deps, owner, {
      connector: 'shopify',
      config: {
        shop: store.shop,
        accessToken: store.accessToken,
        webhookSecret: 'shopify-webhook-secret',
        stockLocationId: kariakoo,
      },
      settings: {
        streams: ['orders'],
        fieldMappings: [{ entity: 'inventory', field: 'qty', transforms: [], direction: 'outbound' }],
      },
    })
  ).row.id;
});
afterAll(async () => {
  server.close();
  await harness.close();
});

function tillSale(deliveryId: string) {
  const body = JSON.stringify({
    type: 'sale.completed',
    data: {
      id: 'sale-501',
      number: 'POS-501',
      ordered_at: '2026-11-23T08:00:00Z',
      total: '30000',
      currency: 'TZS',
      lines: [
        { sku: 'KNG-RED', description: 'Kanga (red)', quantity: 2, unit_price: '15000', total: '30000' },
      ],
    },
  });
  const now = new Date();
  return app.request(`/webhooks/custom_webhook/${tillId}`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-id': deliveryId,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(deliveryId, now, body),
    },
  });
}

async function kiungoStock(): Promise<number> {
  const [row] = await harness.db.orm
    .select({ stockQty: products.stockQty })
    .from(products)
    .where(and(eq(products.tenantId, owner.tenant.id), eq(products.sku, 'KNG-RED')));
  return Number(row?.stockQty);
}

describe('stock write-back', () => {
  it('pushes the level after a till sale to Shopify, and only once when the till sends the sale again', async () => {
    expect((await tillSale('msg-1')).status).toBe(200);
    expect(await kiungoStock()).toBe(8);
    expect(quantityAt(store, kangaRed, kariakoo)).toBe(8);

    expect((await tillSale('msg-2')).status).toBe(200);
    expect(await kiungoStock()).toBe(8);
    expect(quantityAt(store, kangaRed, kariakoo)).toBe(8);

    const pushes = await harness.db.orm.select().from(syncRuns).where(eq(syncRuns.connectionId, shopifyId));
    expect(pushes).toHaveLength(1);
    expect(pushes[0]).toMatchObject({
      action: 'push stock KNG-RED',
      mode: 'write-back',
      status: 'succeeded',
    });
    const logs = await harness.registry.call(
      harness.deps,
      owner,
      'sync_logs',
      { system: 'shopify' },
      { surface: 'agent' },
    );
    expect(logs.text).toMatch(/push stock KNG-RED: succeeded/);
  });
});

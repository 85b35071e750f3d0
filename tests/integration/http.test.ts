import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { createApiKey } from '../../src/tenancy/api-keys.ts';
import { createHarness, type Harness } from '../support/harness.ts';

let harness: Harness;
let app: ReturnType<typeof createApp>;
let key: string;

beforeAll(async () => {
  harness = await createHarness({ demo: true });
  app = createApp(harness.deps);
  key = (await createApiKey(harness.db, await harness.context(), { name: 'test', scopes: ['read', 'write'] }))
    .key;
});
afterAll(() => harness.close());

const auth = () => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });

describe('HTTP app', () => {
  it('answers health checks and tags every response with a request id', async () => {
    const response = await app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true });
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('refuses missing, malformed and unknown keys alike', async () => {
    for (const header of [undefined, 'Bearer', 'Basic abc', 'Bearer kio_abc_def', `Bearer ${key}x`]) {
      const response = await app.request('/api/v1/tools', {
        headers: header ? { authorization: header } : {},
      });
      expect(response.status, header).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    }
  });

  it('calls tools, returning 202 with a pending action for writes', async () => {
    const read = await app.request('/api/v1/tools/who_owes_me', {
      method: 'POST',
      headers: auth(),
      body: '{"limit":2}',
    });
    expect(read.status).toBe(200);
    const write = await app.request('/api/v1/tools/record_payment', {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({ customer: 'Mama Joyce', amount: '10k' }),
    });
    expect(write.status).toBe(202);
    const body = (await write.json()) as { status: string; action: { id: string }; confirmToken: string };
    expect(body.status).toBe('pending_confirmation');
    const confirm = await app.request('/api/v1/tools/confirm_action', {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({ action_id: body.action.id, confirm_token: body.confirmToken }),
    });
    expect(confirm.status).toBe(200);
    expect(((await confirm.json()) as { text: string }).text).toMatch(/^Recorded TSh 10,000 from Mama Joyce/);
  });

  it('turns bad input into clear 4xx errors', async () => {
    const badJson = await app.request('/api/v1/tools/who_owes_me', {
      method: 'POST',
      headers: auth(),
      body: '{nope',
    });
    expect(badJson.status).toBe(400);
    const badInput = await app.request('/api/v1/tools/who_owes_me', {
      method: 'POST',
      headers: auth(),
      body: '{"limit":"many"}',
    });
    expect(badInput.status).toBe(400);
    const unknown = await app.request('/api/v1/tools/drop_tables', {
      method: 'POST',
      headers: auth(),
      body: '{}',
    });
    expect(unknown.status).toBe(404);
    const huge = await app.request('/api/v1/tools/find_records', {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({ query: 'x'.repeat(300_000) }),
    });
    expect(huge.status).toBe(413);
    const route = await app.request('/nowhere');
    expect(route.status).toBe(404);
  });

  it('keeps the local CLI endpoint closed to everyone without the server’s secret', async () => {
    const response = await app.request('/internal/cli', {
      method: 'POST',
      body: JSON.stringify({ argv: ['tools', 'list'] }),
    });
    expect(response.status).toBe(401);
  });
});

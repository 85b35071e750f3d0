/** The web chat over HTTP: sign-in links, signed sessions, streamed replies, confirmation buttons. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { createLoginLink } from '../../src/tenancy/sessions.ts';
import { createHarness, type Harness } from '../support/harness.ts';

let harness: Harness;
let app: ReturnType<typeof createApp>;
const origin = 'http://localhost';

beforeAll(async () => {
  harness = await createHarness({ demo: true });
  app = createApp(harness.deps);
});
afterAll(() => harness.close());

async function signIn(member = 'owner'): Promise<string> {
  const context = await harness.context('demo', member, 'web');
  const link = await createLoginLink(harness.db, harness.deps.clock, context.tenant, context.member, origin);
  const response = await app.request(new URL(link.url).pathname);
  expect(response.status).toBe(303);
  const cookie = response.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/HttpOnly/i);
  return cookie.split(';')[0] as string;
}

function events(body: string): { event: string; data: Record<string, unknown> }[] {
  return body
    .split('\n\n')
    .filter((chunk) => chunk.includes('event:'))
    .map((chunk) => ({
      event: chunk.match(/^event: (.*)$/m)?.[1] ?? '',
      data: JSON.parse(chunk.match(/^data: (.*)$/m)?.[1] ?? '{}') as Record<string, unknown>,
    }));
}

describe('web chat', () => {
  it('asks strangers to sign in, and a sign-in link works once', async () => {
    const anonymous = await app.request('/');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toMatch(/sign-in link/);
    const context = await harness.context('demo', 'owner', 'web');
    const link = await createLoginLink(
      harness.db,
      harness.deps.clock,
      context.tenant,
      context.member,
      origin,
    );
    const path = new URL(link.url).pathname;
    expect((await app.request(path)).status).toBe(303);
    expect((await app.request(path)).status).toBe(401);
  });

  it('refuses a forged or tampered session cookie', async () => {
    const cookie = await signIn();
    const [name, value] = cookie.split('=') as [string, string];
    const tampered = `${name}=${value.slice(0, -3)}abc`;
    expect((await app.request('/', { headers: { cookie: tampered } })).status).toBe(401);
    expect((await app.request('/chat/history', { headers: { cookie: tampered } })).status).toBe(401);
  });

  it('streams a reply as server-sent events: a table part, then the final text', async () => {
    const cookie = await signIn();
    const page = await app.request('/', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('id="composer"');
    const response = await app.request('/chat/stream', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin },
      body: JSON.stringify({ text: 'who owes me?' }),
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const stream = events(await response.text());
    const part = stream.find((event) => event.event === 'part');
    expect(String(part?.data.html)).toMatch(/<table class="reply-table">[\s\S]*Hassan Omari/);
    const chart = stream
      .filter((event) => event.event === 'part')
      .map((event) => String(event.data.html))
      .find((html) => html.includes('<svg'));
    expect(chart).toMatch(/Debt by age \(TZS\)[\s\S]*90\+ days/);
    const done = stream.find((event) => event.event === 'done');
    expect(String(done?.data.textHtml)).toMatch(/owed by \d+ customers/);
    expect(done?.data.mode).toBe('offline');
  });

  it('escapes everything that came from data', async () => {
    const cookie = await signIn('admin');
    const response = await app.request('/chat/stream', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin },
      body: JSON.stringify({ text: 'show me <img src=x onerror=alert(1)>' }),
    });
    const rendered = events(await response.text()).map((event) =>
      String(event.data.html ?? event.data.textHtml ?? ''),
    );
    expect(rendered.join('')).toContain('&lt;img src=x');
    expect(rendered.join('')).not.toContain('<img src=x');
    const history = await app.request('/', { headers: { cookie } });
    expect(await history.text()).not.toContain('<img src=x');
  });

  it('confirms with the member’s own button, once', async () => {
    const cookie = await signIn();
    const stream = events(
      await (
        await app.request('/chat/stream', {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json', origin },
          body: JSON.stringify({ text: 'record 50,000 from Hassan by M-Pesa' }),
        })
      ).text(),
    );
    const card = String(stream.find((event) => event.event === 'part')?.data.html);
    const actionId = card.match(/data-action-id="([^"]+)"/)?.[1] as string;
    expect(card).toContain('data-decision="confirm"');
    // Another member's session cannot press this member's button.
    const other = await signIn('staff');
    const stolen = await app.request(`/chat/actions/${actionId}`, {
      method: 'POST',
      headers: { cookie: other, 'content-type': 'application/json', origin },
      body: JSON.stringify({ decision: 'confirm' }),
    });
    expect(((await stolen.json()) as { actionStatus: string }).actionStatus).toBe('pending');
    const pressed = await app.request(`/chat/actions/${actionId}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin },
      body: JSON.stringify({ decision: 'confirm' }),
    });
    const result = (await pressed.json()) as { actionStatus: string; text: string };
    expect(result.actionStatus).toBe('confirmed');
    expect(result.text).toMatch(/^Recorded TSh 50,000 from Hassan Omari/);
    const again = await app.request(`/chat/actions/${actionId}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin },
      body: JSON.stringify({ decision: 'confirm' }),
    });
    expect(((await again.json()) as { text: string }).text).toMatch(/already confirmed/);
  });

  it('works without JavaScript: plain forms post and redirect back', async () => {
    const cookie = await signIn('staff');
    const sent = await app.request('/chat/send', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin },
      body: 'text=nani+ananidai%3F',
    });
    expect(sent.status).toBe(303);
    const page = await (await app.request('/', { headers: { cookie } })).text();
    expect(page).toContain('nani ananidai?');
    expect(page).toMatch(/Hawa ndio wanaokudai/);
  });

  it('turns a dropped spreadsheet into a preview with a confirmation card', async () => {
    const cookie = await signIn();
    const body = new FormData();
    body.append(
      'file',
      new File(['Jina,Simu\nAsha Juma,0713 000 111\nJohn Mrema,0754 000 222\n'], 'wateja.csv', {
        type: 'text/csv',
      }),
    );
    const response = await app.request('/chat/upload', {
      method: 'POST',
      headers: { cookie, origin, accept: 'application/json' },
      body,
    });
    expect(response.status).toBe(200);
    const html = ((await response.json()) as { html: string }).html;
    expect(html).toMatch(/2 rows of customers/);
    expect(html).toContain('Column mapping');
    const actionId = html.match(/data-action-id="([^"]+)"/)?.[1] as string;
    const confirmed = await app.request(`/chat/actions/${actionId}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin },
      body: JSON.stringify({ decision: 'confirm' }),
    });
    expect(((await confirmed.json()) as { text: string }).text).toMatch(/Imported customers: 2 created/);
  });

  it('rejects cross-site form posts', async () => {
    const cookie = await signIn('staff');
    const response = await app.request('/chat/send', {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
      body: 'text=record+1000000+from+Hassan',
    });
    expect(response.status).toBe(403);
  });
});

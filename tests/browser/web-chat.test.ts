/**
 * The web chat in a real browser: `kiungo serve --demo` as a user runs it, Debian's Chromium driven
 * by playwright-core. Streaming replies, confirmation cards, the page without JavaScript, a phone
 * screen and the keyboard. Against Postgres when DATABASE_URL is set (then signed in by a one-time
 * link, which is also the path used in embedded mode, so there is one code path).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/database.ts';
import { launchBrowser, screenshot } from './browser.ts';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '../../bin/kiungo.js');
const testTimeout = 60_000;
/** How long any one wait in the page may take; below the test timeout so failures name the wait. */
const waitTimeout = 20_000;

let dataDir: string;
let env: NodeJS.ProcessEnv;
let dropDatabase: (() => Promise<void>) | undefined;
let server: ChildProcess | undefined;
let origin: string;
let browser: Browser | undefined;
/** The signed-in session cookie, given to each test's fresh browser context. */
let storageState: Awaited<ReturnType<BrowserContext['storageState']>>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kiungo-browser-'));
  env = { ...process.env, KIUNGO_DATA_DIR: dataDir, KIUNGO_LOG_LEVEL: 'error' };
  delete env.DATABASE_URL;
  // The offline brain answers, whatever keys the machine running the tests has.
  delete env.ANTHROPIC_API_KEY;
  delete env.ANTHROPIC_BASE_URL;
  delete env.PUBLIC_URL;
  if (process.env.DATABASE_URL) {
    const database = await createTestDatabase();
    await database.db.close();
    env.DATABASE_URL = database.url;
    dropDatabase = database.drop;
  }
  origin = await startServer();
  browser = await launchBrowser();

  const { stdout } = await run(process.execPath, [bin, '--json', 'login-link'], { env, timeout: 60_000 });
  const link = new URL((JSON.parse(stdout) as { url: string }).url);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${origin}${link.pathname}`);
    expect(page.url()).toBe(`${origin}/`);
    expect(await page.locator('form#composer').count()).toBe(1);
    storageState = await context.storageState();
  } finally {
    await context.close();
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
  await dropDatabase?.();
});

function startServer(): Promise<string> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--demo'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  return new Promise<string>((resolve, reject) => {
    let output = '';
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/http:\/\/127\.0\.0\.1:\d+/);
      if (match) resolve(match[0]);
    });
    child.once('exit', (code) => reject(new Error(`kiungo serve exited with ${code}: ${errors}`)));
  });
}

/** A fresh, signed-in browser context showing the chat page; closed when `use` finishes. */
async function withChat(options: BrowserContextOptions, use: (page: Page) => Promise<void>): Promise<void> {
  if (!browser) throw new Error('the browser did not start');
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    ...options,
    storageState,
  });
  context.setDefaultTimeout(waitTimeout);
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await page.locator('form#composer').waitFor();
    await use(page);
  } finally {
    await context.close();
  }
}

const messages = (page: Page) => page.locator('#messages > li.message');

/** Waits until the reply at `index` has finished streaming (the Send button is enabled again). */
async function waitForReply(page: Page, index: number): Promise<Locator> {
  await page.waitForFunction(
    (at) => {
      const reply = document.querySelectorAll('#messages > li.message')[at];
      const send = document.querySelector('#composer button');
      return (
        reply?.classList.contains('assistant') === true &&
        reply.querySelector('.typing') === null &&
        send instanceof HTMLButtonElement &&
        !send.disabled
      );
    },
    index,
    { timeout: waitTimeout },
  );
  const reply = messages(page).nth(index);
  expect(await reply.locator('.error').count()).toBe(0);
  return reply;
}

/** Types a message into the composer, sends it with Enter, and returns the finished reply. */
async function ask(page: Page, text: string): Promise<Locator> {
  const before = await messages(page).count();
  const input = page.locator('textarea#message');
  await input.fill(text);
  await input.press('Enter');
  const reply = await waitForReply(page, before + 1);
  expect(await messages(page).count()).toBe(before + 2);
  const question = messages(page).nth(before);
  expect(await question.getAttribute('class')).toContain('user');
  expect((await question.locator('.message-text').textContent())?.trim()).toBe(text);
  expect(await input.inputValue()).toBe('');
  return reply;
}

/** The texts of one table column, found by its header. */
async function column(table: Locator, label: string): Promise<string[]> {
  const headers = (await table.locator('thead th').allTextContents()).map((header) => header.trim());
  const index = headers.indexOf(label);
  expect(index, `column "${label}" in ${headers.join(', ')}`).toBeGreaterThanOrEqual(0);
  return (await table.locator(`tbody tr > :nth-child(${index + 1})`).allTextContents()).map((cell) =>
    cell.trim(),
  );
}

/** Checks a who-owes-me table: Hassan Omari among the rows, every amount in shillings. */
async function expectDebtorsTable(reply: Locator): Promise<Locator> {
  const table = reply.locator('table.reply-table');
  expect(await table.count()).toBe(1);
  expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
  expect(await column(table, 'Customer')).toContain('Hassan Omari');
  const owed = await column(table, 'Owes');
  expect(owed.length).toBeGreaterThan(0);
  for (const amount of owed) expect(amount).toMatch(/^TSh \d{1,3}(,\d{3})*$/);
  return table;
}

/** What a customer owes, read from the assistant's "Owes TSh 1,234" line about them. */
async function owedBy(page: Page, name: string): Promise<number> {
  const reply = await ask(page, `show me ${name}`);
  const text = (await reply.locator('.message-text').textContent()) ?? '';
  expect(text).toContain(name);
  const match = text.match(/Owes TSh ([\d,]+)/);
  expect(match, text).not.toBeNull();
  return Number((match?.[1] ?? '').replace(/,/g, ''));
}

/** The pending confirmation card in a reply, with its action id. */
async function pendingCard(reply: Locator): Promise<{ card: Locator; actionId: string }> {
  const card = reply.locator('.confirmation');
  expect(await card.count()).toBe(1);
  expect(await card.getAttribute('data-status')).toBe('pending');
  const actionId = (await card.getAttribute('data-action-id')) ?? '';
  expect(actionId).toMatch(/^[0-9a-f-]{36}$/);
  expect(await card.locator('button[data-decision=confirm]').count()).toBe(1);
  expect(await card.locator('button[data-decision=cancel]').count()).toBe(1);
  return { card, actionId };
}

/** Waits for a card to reach a status; checks its label and that its buttons are gone. */
async function expectSettled(page: Page, actionId: string, status: string, label: string): Promise<Locator> {
  const card = page.locator(`.confirmation[data-action-id="${actionId}"]`);
  await page.locator(`.confirmation[data-action-id="${actionId}"][data-status="${status}"]`).waitFor();
  expect(await card.count()).toBe(1);
  expect((await card.locator('.confirmation-status').textContent())?.trim()).toBe(label);
  expect(await card.locator('button').count()).toBe(0);
  return card;
}

/** Presses `key` until `target` has the focus; returns how many presses that took. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab', limit = 12): Promise<number> {
  for (let presses = 0; presses <= limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return presses;
    if (presses < limit) await page.keyboard.press(key);
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  throw new Error(`${key} ×${limit} never reached the target; focus is on ${focused}`);
}

describe('the web chat in a browser', () => {
  it(
    'answers "who owes me?" sent with Enter with a table of debtors',
    async () => {
      await withChat({}, async (page) => {
        expect(await page.title()).toBe('Kiungo · Kariakoo Electronics');
        expect((await page.locator('#mode').textContent())?.trim()).toBe('offline');
        const reply = await ask(page, 'who owes me?');
        const table = await expectDebtorsTable(reply);
        expect(await table.count()).toBe(1);
        expect(await reply.locator('.table-title').first().textContent()).toMatch(/^Who owes you/);
        expect(await reply.locator('.message-text').textContent()).toMatch(
          /Here is who owes you[\s\S]*TSh [\d,]+ owed by \d+ customers/,
        );
        expect(await reply.locator('figure.chart svg').count()).toBe(1);
        await screenshot(page, 'who-owes-me');
      });
    },
    testTimeout,
  );

  it(
    'records a payment only after Confirm, and the debt drops by exactly that amount',
    async () => {
      await withChat({}, async (page) => {
        const prepared = await ask(page, 'record 50,000 from Hassan by M-Pesa');
        const { card, actionId } = await pendingCard(prepared);
        const summary = (await card.locator('.confirmation-summary').textContent()) ?? '';
        expect(summary).toContain('TSh 50,000');
        expect(summary).toContain('Hassan Omari');
        expect((await card.locator('.confirmation-status').textContent())?.trim()).toBe(
          'Waiting for your confirmation.',
        );

        const owedBefore = await owedBy(page, 'Hassan Omari');
        expect(owedBefore).toBeGreaterThan(50_000);
        expect(await card.getAttribute('data-status')).toBe('pending');

        const count = await messages(page).count();
        await card.locator('button[data-decision=confirm]').click();
        await expectSettled(page, actionId, 'confirmed', 'Confirmed.');
        const recorded = messages(page).nth(count);
        await recorded.waitFor();
        expect(await recorded.getAttribute('class')).toContain('assistant');
        expect(await recorded.textContent()).toContain('Recorded TSh 50,000 from Hassan Omari.');

        const owedAfter = await owedBy(page, 'Hassan Omari');
        expect(owedBefore - owedAfter).toBe(50_000);
        await recorded.scrollIntoViewIfNeeded();
        await screenshot(page, 'payment-confirmed');
      });
    },
    testTimeout,
  );

  it(
    'cancels a prepared payment, and the card stays cancelled after a reload',
    async () => {
      await withChat({}, async (page) => {
        const prepared = await ask(page, 'record 10,000 from Mama Joyce by cash');
        const { card, actionId } = await pendingCard(prepared);
        const summary = (await card.locator('.confirmation-summary').textContent()) ?? '';
        expect(summary).toContain('TSh 10,000');
        expect(summary).toContain('Mama Joyce');

        await card.locator('button[data-decision=cancel]').click();
        await expectSettled(page, actionId, 'cancelled', 'Cancelled.');

        await page.reload();
        await page.locator('form#composer').waitFor();
        const reloaded = await expectSettled(page, actionId, 'cancelled', 'Cancelled.');
        expect(await reloaded.locator('.confirmation-summary').textContent()).toContain('Mama Joyce');
        await screenshot(page, 'payment-cancelled');
      });
    },
    testTimeout,
  );

  it(
    'works without JavaScript: the form posts and the reloaded page shows the answer',
    async () => {
      await withChat({ javaScriptEnabled: false }, async (page) => {
        const before = await messages(page).count();
        await page.locator('textarea#message').fill('who owes me?');
        const posted = page.waitForRequest(
          (request) => request.method() === 'POST' && new URL(request.url()).pathname === '/chat/send',
        );
        await page.locator('#composer button[type=submit]').click();
        await posted;
        await page.waitForURL(`${origin}/#composer`);

        expect(await messages(page).count()).toBe(before + 2);
        const question = page.locator('#messages > li.message.user').last();
        expect((await question.locator('.message-text').textContent())?.trim()).toBe('who owes me?');
        const answer = page.locator('#messages > li.message.assistant').last();
        expect(await answer.evaluate((element) => element === element.parentElement?.lastElementChild)).toBe(
          true,
        );
        await expectDebtorsTable(answer);
        await screenshot(page, 'no-javascript');
      });
    },
    testTimeout,
  );

  it(
    'fits a phone: the answer shows, the composer stays on screen, nothing overflows sideways',
    async () => {
      const viewport = { width: 390, height: 844 };
      await withChat({ viewport, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }, async (page) => {
        const reply = await ask(page, 'nani ananidai?');
        await expectDebtorsTable(reply);
        expect(await reply.locator('.message-text').textContent()).toContain('wanaokudai');

        for (const selector of ['form#composer', 'textarea#message', '#composer button[type=submit]']) {
          const box = await page.locator(selector).boundingBox();
          expect(box, selector).not.toBeNull();
          if (!box) continue;
          expect(box.x, selector).toBeGreaterThanOrEqual(0);
          expect(box.y, selector).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width, selector).toBeLessThanOrEqual(viewport.width + 0.5);
          expect(box.y + box.height, selector).toBeLessThanOrEqual(viewport.height + 0.5);
        }

        // On a phone, content wider than the screen widens the layout viewport (innerWidth) itself,
        // so everything is measured against the screen's 390 pixels.
        const widths = await page.evaluate(() => ({
          layout: window.innerWidth,
          visual: window.visualViewport?.width,
          html: document.documentElement.scrollWidth,
          body: document.body.scrollWidth,
          scrollX: window.scrollX,
        }));
        const measured = JSON.stringify(widths);
        expect(widths.layout, measured).toBe(viewport.width);
        expect(widths.visual, measured).toBe(viewport.width);
        expect(widths.html, measured).toBeLessThanOrEqual(viewport.width);
        expect(widths.body, measured).toBeLessThanOrEqual(viewport.width);
        expect(widths.scrollX, measured).toBe(0);
        // The table is wider than a phone: it scrolls inside its own wrapper, within the screen.
        const wrap = reply.locator('.table-wrap');
        const wrapBox = await wrap.boundingBox();
        expect(wrapBox).not.toBeNull();
        expect((wrapBox?.x ?? 0) + (wrapBox?.width ?? Infinity)).toBeLessThanOrEqual(viewport.width + 0.5);
        const wrapWidths = await wrap.evaluate((element) => ({
          client: element.clientWidth,
          scroll: element.scrollWidth,
          overflowX: getComputedStyle(element).overflowX,
        }));
        expect(wrapWidths.overflowX).toBe('auto');
        expect(wrapWidths.scroll, 'the table scrolls inside its wrapper').toBeGreaterThan(wrapWidths.client);
        await screenshot(page, 'mobile-nani-ananidai');
      });
    },
    testTimeout,
  );

  it(
    'works from the keyboard: type, Enter to send, Tab to Confirm, Enter to confirm',
    async () => {
      await withChat({}, async (page) => {
        const input = page.locator('textarea#message');
        await tabTo(page, input, 'Tab');

        // Shift+Enter is a new line, not a send.
        const before = await messages(page).count();
        await page.keyboard.type('draft');
        await page.keyboard.press('Shift+Enter');
        expect(await input.inputValue()).toBe('draft\n');
        expect(await messages(page).count()).toBe(before);
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.press('Backspace');
        expect(await input.inputValue()).toBe('');

        await page.keyboard.type('record 20,000 from Mama Joyce by cash');
        await page.keyboard.press('Enter');
        const reply = await waitForReply(page, before + 1);
        const { card, actionId } = await pendingCard(reply);
        expect(await card.locator('.confirmation-summary').textContent()).toContain('TSh 20,000');

        // After the reply the focus is back in the composer. Confirm is reachable forwards (Tab
        // wraps round the page) and backwards (the card's buttons come just before the composer).
        const confirm = card.locator('button[data-decision=confirm]');
        expect(await input.evaluate((element) => element === document.activeElement)).toBe(true);
        await tabTo(page, confirm, 'Tab');
        await input.focus();
        await tabTo(page, confirm, 'Shift+Tab');
        const count = await messages(page).count();
        await page.keyboard.press('Enter');
        await expectSettled(page, actionId, 'confirmed', 'Confirmed.');
        const recorded = messages(page).nth(count);
        await recorded.waitFor();
        expect(await recorded.textContent()).toContain('Recorded TSh 20,000 from Mama Joyce.');
      });
    },
    testTimeout,
  );
});

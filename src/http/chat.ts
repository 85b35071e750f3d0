/**
 * Web chat routes: the page, streaming replies (SSE), confirmation buttons, history, and sign-in by
 * one-time link. A signed, HTTP-only, SameSite cookie carries the member; POSTs are checked for a
 * same-origin `Origin`. In embedded mode the demo owner is signed in on first visit.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { createMiddleware } from 'hono/factory';
import { streamSSE } from 'hono/streaming';
import { pendingActions } from '../../db/schema/index.ts';
import type { ReplyPart } from '../agent/reply-parts.ts';
import type { TenantContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { exportCsv } from '../imports/export.ts';
import { type ImportEntity, importEntities } from '../imports/types.ts';
import { maxUploadBytes } from '../imports/uploads.ts';
import {
  consumeLoginToken,
  sessionCookieName,
  sessionLifetimeMs,
  signSession,
  verifySession,
} from '../tenancy/sessions.ts';
import { contextForSlug, memberContext } from '../tenancy/tenants.ts';
import type { AppEnv } from './env.ts';
import { chatPage, signInPage } from './web/page.ts';
import { renderMessageBody, renderPart, renderText, statusLabel } from './web/render.ts';

type Variables = AppEnv['Variables'] & { chatContext?: TenantContext };

async function startSession(c: Context<{ Variables: Variables }>, context: TenantContext): Promise<void> {
  const deps = c.get('deps');
  const value = await signSession(deps.sessionSecret, {
    tenantId: context.tenant.id,
    memberId: context.member.id,
    expiresAt: deps.clock.now().getTime() + sessionLifetimeMs,
  });
  setCookie(c, sessionCookieName, value, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: sessionLifetimeMs / 1000,
  });
}

/** The signed-in member, or (embedded mode) the auto-signed-in owner; null when nobody is. */
const session = createMiddleware<{ Variables: Variables }>(async (c, next) => {
  const deps = c.get('deps');
  const claims = await verifySession(deps.sessionSecret, getCookie(c, sessionCookieName), deps.clock);
  if (claims) {
    try {
      c.set('chatContext', await memberContext(deps.db, claims.tenantId, claims.memberId, 'web'));
    } catch {
      deleteCookie(c, sessionCookieName, { path: '/' });
    }
  } else if (deps.autoLoginTenant) {
    const context = await contextForSlug(deps.db, deps.autoLoginTenant, 'web');
    await startSession(c, context);
    c.set('chatContext', context);
  }
  await next();
});

function requireMember(c: { get(key: 'chatContext'): TenantContext | undefined }): TenantContext {
  const context = c.get('chatContext');
  if (!context) throw new AppError('unauthenticated', 'Sign in with your link first');
  return context;
}

async function actionStatuses(
  deps: AppEnv['Variables']['deps'],
  context: TenantContext,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await deps.db.orm
    .select({ id: pendingActions.id, status: pendingActions.status, expiresAt: pendingActions.expiresAt })
    .from(pendingActions)
    .where(and(eq(pendingActions.tenantId, context.tenant.id), inArray(pendingActions.id, ids)));
  const now = deps.clock.now().getTime();
  return new Map(
    rows.map((row) => [
      row.id,
      row.status === 'pending' && row.expiresAt.getTime() < now ? 'expired' : row.status,
    ]),
  );
}

/** History with each confirmation card showing its action's current state. */
async function currentHistory(deps: AppEnv['Variables']['deps'], context: TenantContext) {
  const history = await deps.assistant.history(context, 60);
  const ids = history.flatMap((message) =>
    message.parts.flatMap((part) => (part.type === 'confirmation' ? [part.actionId] : [])),
  );
  const statuses = await actionStatuses(deps, context, ids);
  return history.map((message) => ({
    ...message,
    parts: message.parts.map(
      (part): ReplyPart =>
        part.type === 'confirmation'
          ? { ...part, status: (statuses.get(part.actionId) ?? 'expired') as 'pending' }
          : part,
    ),
  }));
}

export function chatRoutes(): Hono<{ Variables: Variables }> {
  const chat = new Hono<{ Variables: Variables }>();
  // Only the chat's own paths: this app is mounted at the root beside the API.
  for (const path of ['/', '/login/*', '/logout', '/chat/*']) {
    chat.use(path, csrf());
    chat.use(path, session);
  }

  chat.get('/', async (c) => {
    const context = c.get('chatContext');
    if (!context) return c.html(signInPage('You are not signed in.'), 401);
    const deps = c.get('deps');
    return c.html(
      chatPage({
        businessName: context.tenant.name,
        memberName: context.member.name,
        mode: deps.assistantMode,
        messages: await currentHistory(deps, context),
      }),
    );
  });

  chat.get('/login/:token', async (c) => {
    const deps = c.get('deps');
    try {
      const { tenantId, memberId } = await consumeLoginToken(deps.db, deps.clock, c.req.param('token'));
      await startSession(c, await memberContext(deps.db, tenantId, memberId, 'web'));
      return c.redirect('/', 303);
    } catch (error) {
      if (error instanceof AppError) return c.html(signInPage(error.message), 401);
      throw error;
    }
  });

  chat.post('/logout', (c) => {
    deleteCookie(c, sessionCookieName, { path: '/' });
    return c.redirect('/', 303);
  });

  chat.get('/chat/history', async (c) => {
    const context = requireMember(c);
    return c.json({ messages: await currentHistory(c.get('deps'), context) });
  });

  // Without JavaScript: a plain form post, then back to the page.
  chat.post('/chat/send', async (c) => {
    const context = requireMember(c);
    const form = await c.req.parseBody();
    await c.get('deps').assistant.turn({ context, text: String(form.text ?? '') });
    return c.redirect('/#composer', 303);
  });

  chat.post('/chat/stream', async (c) => {
    const context = requireMember(c);
    const body = (await c.req.json().catch(() => null)) as { text?: unknown } | null;
    if (!body || typeof body.text !== 'string') throw new AppError('bad_request', 'Send { "text": "…" }');
    const text = body.text;
    const deps = c.get('deps');
    return streamSSE(c, async (stream) => {
      const controller = new AbortController();
      stream.onAbort(() => controller.abort(new Error('The page was closed')));
      try {
        const result = await deps.assistant.turn({
          context,
          text,
          signal: controller.signal,
          onEvent: (event) => {
            if (event.type === 'text')
              void stream.writeSSE({ event: 'text', data: JSON.stringify({ delta: event.delta }) });
            if (event.type === 'part')
              void stream.writeSSE({ event: 'part', data: JSON.stringify({ html: renderPart(event.part) }) });
          },
        });
        await stream.writeSSE({
          event: 'done',
          data: JSON.stringify({
            textHtml: renderText(result.text),
            mode: result.mode,
            messageId: result.messageId,
          }),
        });
      } catch (error) {
        if (controller.signal.aborted) return;
        deps.logger.error('chat turn failed', { error: String(error) });
        await stream.writeSSE({
          event: 'error',
          data: JSON.stringify({
            message: 'Something went wrong on our side. Your message is saved; please try again.',
          }),
        });
      }
    });
  });

  // A spreadsheet dropped in the page: kept as an upload, previewed, and offered for import with a
  // confirmation card, as if the member had asked for it.
  chat.post('/chat/upload', async (c) => {
    const context = requireMember(c);
    const deps = c.get('deps');
    const length = Number(c.req.header('content-length') ?? '0');
    if (length > maxUploadBytes + 64 * 1024)
      throw new AppError('payload_too_large', `Files are limited to ${maxUploadBytes / 1024 / 1024} MB here`);
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) throw new AppError('bad_request', 'Attach a file as "file"');
    const wantsJson = (c.req.header('accept') ?? '').includes('application/json');
    const result = await deps.assistant.importFile(context, {
      name: file.name || 'upload',
      contentType: file.type,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    if (!wantsJson) return c.redirect('/#composer', 303);
    return c.json({
      html: renderMessageBody({ role: 'assistant', text: result.text, parts: result.parts }),
    });
  });

  // Downloads: /chat/export/customers.csv — CSV of any entity, formula-safe.
  chat.get('/chat/export/:file', async (c) => {
    const context = requireMember(c);
    const entity = c.req.param('file').replace(/\.csv$/, '') as ImportEntity;
    if (!importEntities.includes(entity)) throw new AppError('not_found', 'Nothing to export by that name');
    const chunks = exportCsv(c.get('deps'), context, entity);
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
    });
    return new Response(body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${entity}.csv"`,
      },
    });
  });

  chat.post('/chat/actions/:id', async (c) => {
    const context = requireMember(c);
    const deps = c.get('deps');
    const isJson = (c.req.header('content-type') ?? '').includes('application/json');
    const body = isJson
      ? ((await c.req.json().catch(() => ({}))) as Record<string, unknown>)
      : await c.req.parseBody();
    const decision = body.decision === 'cancel' ? 'cancel' : body.decision === 'confirm' ? 'confirm' : null;
    if (!decision) throw new AppError('bad_request', 'decision must be confirm or cancel');
    const actionId = c.req.param('id');
    const result = await deps.assistant.decide(context, actionId, decision);
    if (!isJson) return c.redirect('/#composer', 303);
    const status =
      (await actionStatuses(deps, context, /^[0-9a-f-]{36}$/i.test(actionId) ? [actionId] : [])).get(
        actionId,
      ) ?? 'expired';
    return c.json({
      actionStatus: status,
      statusLabel: statusLabel(status),
      text: result.text,
      html: renderMessageBody({ role: 'assistant', text: result.text, parts: result.parts }),
    });
  });
  return chat;
}

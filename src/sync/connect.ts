/**
 * Finishing a connect page: check the credentials with the vendor, store them sealed, register
 * webhooks, schedule, and start the first full sync. Secrets the owner must paste into their own
 * system (a webhook signing secret) are generated here and shown once.
 */
import { and, eq } from 'drizzle-orm';
import { connections } from '../../db/schema/index.ts';
import type { AnyConnector, ConfigField } from '../connectors/define.ts';
import { isConnectorError } from '../connectors/errors.ts';
import { bytesToBase64 } from '../connectors/signatures.ts';
import type { Deps } from '../core/context.ts';
import { randomBytes, randomToken } from '../core/encoding.ts';
import { AppError } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import { memberContext } from '../tenancy/tenants.ts';
import { type ConnectGrant, spendConnectGrant } from './connect-links.ts';
import { connectorOf, createConnection, openCredentials, webhookUrlOf } from './connections.ts';
import { conversationNotifier } from './notify.ts';
import type { Stream } from './records.ts';
import { runtimeFor } from './runtime.ts';
import { applySchedule } from './schedule.ts';
import { type Frequency, parseSettings } from './settings.ts';
import { startSync } from './start.ts';

export interface ConnectForm {
  config: Record<string, string>;
  streams: Stream[];
  frequency: Frequency;
}

export interface ConnectResult {
  connector: AnyConnector;
  connectionId: string;
  webhookUrl: string;
  /** Generated secrets, shown once on the page. */
  generated: Record<string, string>;
  notes: string[];
  syncNote: string;
}

/** Signing secrets in the Standard Webhooks format; other generated values are URL-safe tokens. */
function generateSecret(field: ConfigField): string {
  if (field.generate) return field.generate();
  return /signing/i.test(field.name) ? `whsec_${bytesToBase64(randomBytes(24))}` : randomToken(24);
}

function problemsOf(
  error: { issues: { path: PropertyKey[]; message: string }[] },
  connector: AnyConnector,
): string {
  return error.issues
    .map((issue) => {
      const name = String(issue.path[0] ?? '');
      const label = connector.fields.find((field) => field.name === name)?.label ?? (name || 'details');
      return `${label}: ${issue.message}`;
    })
    .join('; ');
}

export async function completeConnect(
  deps: Deps,
  grant: ConnectGrant,
  form: ConnectForm,
): Promise<ConnectResult> {
  const connector = connectorOf(grant.connector);
  const context = await memberContext(deps.db, grant.tenantId, grant.memberId, 'web');
  let existing: Record<string, unknown> = {};
  if (grant.connectionId) {
    const [row] = await deps.db.orm
      .select()
      .from(connections)
      .where(and(eq(connections.id, grant.connectionId), eq(connections.tenantId, grant.tenantId)));
    if (row?.credentials)
      existing = await openCredentials<Record<string, unknown>>(deps, row).catch(() => ({}));
  }
  const typed = Object.fromEntries(
    Object.entries(form.config)
      .filter(([, value]) => value.trim() !== '')
      .map(([key, value]) => [key, value.trim()]),
  );
  const generated: Record<string, string> = {};
  for (const field of connector.fields.filter((item) => item.generated)) {
    if (typeof existing[field.name] === 'string') continue;
    generated[field.name] = generateSecret(field);
  }
  const candidate = { ...existing, ...typed, ...generated };
  const parsed = connector.config.safeParse(candidate);
  if (!parsed.success)
    throw new AppError('bad_request', `Please check: ${problemsOf(parsed.error, connector)}`);
  const connectionId = grant.connectionId ?? newId();
  const runtime = runtimeFor(
    deps,
    context.tenant,
    connector,
    connectionId,
    parsed.data as Record<string, unknown>,
  );
  let account: string | undefined;
  if (connector.check) {
    try {
      account = (await connector.check(runtime)).account;
    } catch (error) {
      const reason =
        isConnectorError(error) || error instanceof AppError ? error.message : 'it could not be reached';
      throw new AppError('bad_request', `${connector.name} did not accept these details: ${reason}`);
    }
  }
  await spendConnectGrant(deps, grant);
  const streams = form.streams.filter((stream) => connector.streams.includes(stream));
  const settings = {
    streams: streams.length > 0 ? streams : [...connector.streams],
    frequency: form.frequency,
    ...(account ? { account } : {}),
  };
  let row: typeof connections.$inferSelect;
  if (grant.connectionId) {
    const [current] = await deps.db.orm
      .select()
      .from(connections)
      .where(eq(connections.id, grant.connectionId));
    const [updated] = await deps.db.orm
      .update(connections)
      .set({
        status: 'active',
        credentials: await deps.vault.sealJson(parsed.data, grant.connectionId),
        settings: { ...parseSettings(current?.settings), ...settings },
        health: 'green',
        healthReason: 'Reconnected',
        updatedAt: deps.clock.now(),
      })
      .where(and(eq(connections.id, grant.connectionId), eq(connections.tenantId, grant.tenantId)))
      .returning();
    if (!updated) throw new AppError('not_found', 'The connection to reconnect no longer exists');
    row = updated;
  } else {
    row = (
      await createConnection(deps, context, {
        connector: connector.id,
        config: parsed.data,
        settings,
        id: connectionId,
      })
    ).row;
  }
  const notes: string[] = [];
  if (connector.setup) {
    try {
      notes.push(
        ...(await connector.setup(
          runtimeFor(deps, context.tenant, connector, row.id, parsed.data as Record<string, unknown>),
        )),
      );
    } catch (error) {
      notes.push(
        `Automatic set-up did not finish: ${error instanceof Error ? error.message : String(error)}. Register the webhook address below by hand.`,
      );
    }
  }
  await applySchedule(deps, context.tenant, row);
  let syncNote = `${connector.name} will send changes to Kiungo as they happen.`;
  if (connector.sync) {
    const started = await startSync(
      deps,
      context,
      row,
      { streams: settings.streams, mode: 'full' },
      { notify: conversationNotifier(deps) },
    );
    syncNote = started.queued
      ? 'The first sync has started; the assistant will tell you in chat how it goes.'
      : `The first sync finished: ${started.outcome?.status ?? 'done'}.`;
  }
  await conversationNotifier(deps)({
    tenantId: grant.tenantId,
    memberId: grant.memberId,
    channel: 'web',
    text: `${connector.name}${account ? ` (${account})` : ''} is connected. ${syncNote}`,
  });
  return {
    connector,
    connectionId: row.id,
    webhookUrl: webhookUrlOf(deps, connector.id, row.id),
    generated,
    notes,
    syncNote,
  };
}

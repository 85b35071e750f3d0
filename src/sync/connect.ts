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
import type { Deps, TenantContext } from '../core/context.ts';
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
  account?: string | undefined;
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

export interface EstablishOptions {
  /** Runs after the vendor accepted the credentials, before anything is saved (spends a link). */
  beforeSave?: () => Promise<void>;
  /** Skip the call that checks the credentials with the vendor (operators scripting offline). */
  skipCheck?: boolean;
  /** Skip registering webhooks and callback URLs with the vendor. */
  skipSetup?: boolean;
  /** Start the first (full) sync right away. */
  firstSync?: boolean;
}

/**
 * Checks, stores and sets up a connection: used by the connect page and by `kiungo connect`.
 * `existingId` reconnects: values left empty keep what was stored, generated secrets stay the same.
 */
export async function establishConnection(
  deps: Deps,
  context: TenantContext,
  input: {
    connector: string;
    config: Record<string, unknown>;
    streams: Stream[];
    frequency: Frequency;
    existingId?: string | null;
  },
  options: EstablishOptions = {},
): Promise<ConnectResult> {
  const connector = connectorOf(input.connector);
  let existing: Record<string, unknown> = {};
  if (input.existingId) {
    const [row] = await deps.db.orm
      .select()
      .from(connections)
      .where(and(eq(connections.id, input.existingId), eq(connections.tenantId, context.tenant.id)));
    if (!row) throw new AppError('not_found', 'The connection to reconnect no longer exists');
    if (row.credentials)
      existing = await openCredentials<Record<string, unknown>>(deps, row).catch(() => ({}));
  }
  const typed = Object.fromEntries(
    Object.entries(input.config)
      .filter(
        ([, value]) =>
          !(typeof value === 'string' && value.trim() === '') && value !== undefined && value !== null,
      )
      .map(([key, value]) => [key, typeof value === 'string' ? value.trim() : value]),
  );
  const generated: Record<string, string> = {};
  for (const field of connector.fields.filter((item) => item.generated)) {
    if (typeof existing[field.name] === 'string' || typeof typed[field.name] === 'string') continue;
    generated[field.name] = generateSecret(field);
  }
  const parsed = connector.config.safeParse({ ...existing, ...typed, ...generated });
  if (!parsed.success)
    throw new AppError('bad_request', `Please check: ${problemsOf(parsed.error, connector)}`);
  const config = parsed.data as Record<string, unknown>;
  const connectionId = input.existingId ?? newId();
  let account: string | undefined;
  if (connector.check && !options.skipCheck) {
    try {
      account = (await connector.check(runtimeFor(deps, context.tenant, connector, connectionId, config)))
        .account;
    } catch (error) {
      const reason =
        isConnectorError(error) || error instanceof AppError ? error.message : 'it could not be reached';
      throw new AppError('bad_request', `${connector.name} did not accept these details: ${reason}`);
    }
  }
  await options.beforeSave?.();
  const streams = input.streams.filter((stream) => connector.streams.includes(stream));
  const settings = {
    streams: streams.length > 0 ? streams : [...connector.streams],
    frequency: input.frequency,
    ...(account ? { account } : {}),
  };
  let row: typeof connections.$inferSelect;
  if (input.existingId) {
    const [current] = await deps.db.orm
      .select()
      .from(connections)
      .where(eq(connections.id, input.existingId));
    const [updated] = await deps.db.orm
      .update(connections)
      .set({
        status: 'active',
        credentials: await deps.vault.sealJson(config, input.existingId),
        settings: { ...parseSettings(current?.settings), ...settings },
        health: 'green',
        healthReason: 'Reconnected',
        updatedAt: deps.clock.now(),
      })
      .where(and(eq(connections.id, input.existingId), eq(connections.tenantId, context.tenant.id)))
      .returning();
    if (!updated) throw new AppError('not_found', 'The connection to reconnect no longer exists');
    row = updated;
  } else {
    row = (
      await createConnection(deps, context, { connector: connector.id, config, settings, id: connectionId })
    ).row;
  }
  const notes: string[] = [];
  if (connector.setup && !options.skipSetup) {
    try {
      notes.push(...(await connector.setup(runtimeFor(deps, context.tenant, connector, row.id, config))));
    } catch (error) {
      notes.push(
        `Automatic set-up did not finish: ${error instanceof Error ? error.message : String(error)}. Register the webhook address by hand.`,
      );
    }
  }
  await applySchedule(deps, context.tenant, row);
  let syncNote = connector.realtime ? `${connector.name} will send changes to Kiungo as they happen.` : '';
  if (connector.sync && options.firstSync) {
    const started = await startSync(
      deps,
      context,
      row,
      { streams: settings.streams, mode: 'full' },
      {
        notify: conversationNotifier(deps),
      },
    );
    syncNote = started.queued
      ? 'The first sync has started; the assistant will tell you in chat how it goes.'
      : `The first sync finished: ${started.outcome?.status ?? 'done'}.`;
  }
  return {
    connector,
    connectionId: row.id,
    webhookUrl: webhookUrlOf(deps, connector.id, row.id),
    generated,
    notes,
    syncNote,
    account,
  };
}

/** Finishes a connect page: the link is spent once the vendor accepted the details. */
export async function completeConnect(
  deps: Deps,
  grant: ConnectGrant,
  form: ConnectForm,
): Promise<ConnectResult> {
  const context = await memberContext(deps.db, grant.tenantId, grant.memberId, 'web');
  const result = await establishConnection(
    deps,
    context,
    {
      connector: grant.connector,
      config: form.config,
      streams: form.streams,
      frequency: form.frequency,
      existingId: grant.connectionId,
    },
    { beforeSave: () => spendConnectGrant(deps, grant), firstSync: true },
  );
  await conversationNotifier(deps)({
    tenantId: grant.tenantId,
    memberId: grant.memberId,
    channel: 'web',
    text: `${result.connector.name}${result.account ? ` (${result.account})` : ''} is connected. ${result.syncNote}`.trim(),
  });
  return result;
}

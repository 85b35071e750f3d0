/**
 * Connections: a business's link to one system. Credentials are sealed in the vault with the
 * connection id as associated data (a sealed value copied onto another connection does not open);
 * changed credentials (rotated OAuth tokens) are written under a row lock, so two workers refreshing
 * at once cannot lose a rotation.
 */
import { and, eq } from 'drizzle-orm';
import { connections } from '../../db/schema/index.ts';
import { findConnector } from '../connectors/catalogue.ts';
import type { AnyConnector } from '../connectors/define.ts';
import type { Deps, TenantContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import { publicBase } from './connect-links.ts';
import { type ConnectionSettings, parseSettings } from './settings.ts';

export type ConnectionRow = typeof connections.$inferSelect;

export interface LoadedConnection {
  row: ConnectionRow;
  connector: AnyConnector;
  settings: ConnectionSettings;
}

export function connectorOf(id: string): AnyConnector {
  const connector = findConnector(id);
  if (!connector) throw new AppError('not_found', `There is no connector called ${id} yet`);
  return connector;
}

export function webhookUrlOf(deps: Pick<Deps, 'publicUrl'>, connector: string, connectionId: string): string {
  return `${publicBase(deps)}/webhooks/${connector}/${connectionId}`;
}

export async function loadConnection(
  deps: Deps,
  tenantId: string,
  connectionId: string,
): Promise<LoadedConnection> {
  const [row] = await deps.db.orm
    .select()
    .from(connections)
    .where(and(eq(connections.id, connectionId), eq(connections.tenantId, tenantId)));
  if (!row) throw new AppError('not_found', 'No such connection in this business');
  return { row, connector: connectorOf(row.connector), settings: parseSettings(row.settings) };
}

export async function openCredentials<Config>(deps: Deps, row: ConnectionRow): Promise<Config> {
  if (!row.credentials) throw new AppError('bad_request', `${row.name} has no credentials; reconnect it`);
  return deps.vault.openJson<Config>(row.credentials, row.id);
}

export interface NewConnection {
  connector: string;
  name?: string;
  config: unknown;
  settings?: Partial<ConnectionSettings>;
  /** Chosen up front when webhook URLs had to be known before saving (the connect page). */
  id?: string;
}

/** Validates the configuration against the connector's schema and stores it sealed. */
export async function createConnection(deps: Deps, context: TenantContext, input: NewConnection) {
  const connector = connectorOf(input.connector);
  const parsed = connector.config.safeParse(input.config);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`,
    );
    throw new AppError('bad_request', `The ${connector.name} details are not valid: ${problems.join('; ')}`, {
      details: { problems },
    });
  }
  const id = input.id ?? newId();
  const settings = parseSettings({
    streams: connector.streams,
    frequency: connector.realtime ? 'realtime' : 'daily',
    ...input.settings,
  });
  const [row] = await deps.db.orm
    .insert(connections)
    .values({
      id,
      tenantId: context.tenant.id,
      connector: connector.id,
      name: input.name ?? connector.name,
      settings,
      credentials: await deps.vault.sealJson(parsed.data, id),
      health: 'green',
      healthReason: 'Connected; no sync has run yet',
    })
    .returning();
  if (!row) throw new AppError('internal', 'The connection was not saved');
  return { row, connector, settings };
}

/** Merges a change into the sealed configuration under a row lock. */
export async function patchCredentials(
  deps: Deps,
  tenantId: string,
  connectionId: string,
  patch: Record<string, unknown>,
): Promise<void> {
  await updateCredentials(deps, tenantId, connectionId, async () => patch);
}

/**
 * Read-modify-write of the sealed configuration with the connection row locked: `change` sees the
 * freshest stored value and returns a patch (or null). Concurrent callers take turns.
 */
export async function updateCredentials(
  deps: Deps,
  tenantId: string,
  connectionId: string,
  change: (current: Record<string, unknown>) => Promise<Record<string, unknown> | null>,
): Promise<Record<string, unknown>> {
  return deps.db.orm.transaction(async (tx) => {
    const [row] = await tx
      .select({ credentials: connections.credentials })
      .from(connections)
      .where(and(eq(connections.id, connectionId), eq(connections.tenantId, tenantId)))
      .for('update');
    if (!row) throw new AppError('not_found', 'No such connection in this business');
    const current = row.credentials
      ? await deps.vault.openJson<Record<string, unknown>>(row.credentials, connectionId)
      : {};
    const patch = await change(current);
    if (!patch) return current;
    const next = { ...current, ...patch };
    const sealed = await deps.vault.sealJson(next, connectionId);
    await tx
      .update(connections)
      .set({ credentials: sealed, updatedAt: new Date() })
      .where(and(eq(connections.id, connectionId), eq(connections.tenantId, tenantId)));
    return next;
  });
}

export async function saveSettings(
  deps: Deps,
  tenantId: string,
  connectionId: string,
  settings: ConnectionSettings,
): Promise<void> {
  await deps.db.orm
    .update(connections)
    .set({ settings, updatedAt: new Date() })
    .where(and(eq(connections.id, connectionId), eq(connections.tenantId, tenantId)));
}

/** Connections of this business whose connector or name matches what the owner typed. */
export async function findConnections(deps: Deps, tenantId: string, name?: string): Promise<ConnectionRow[]> {
  const rows = await deps.db.orm.select().from(connections).where(eq(connections.tenantId, tenantId));
  const active = rows.filter((row) => row.status !== 'disconnected');
  if (!name) return active;
  const wanted = name.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return active.filter((row) => {
    const names = [row.id, row.connector, row.name].map((text) =>
      text.toLowerCase().replace(/[^a-z0-9]+/g, ''),
    );
    return names.some(
      (text) => text === wanted || text.includes(wanted) || (wanted.length > 3 && wanted.includes(text)),
    );
  });
}

/** Exactly one connection for a name, or a clear error saying why not. */
export async function resolveConnection(
  deps: Deps,
  context: TenantContext,
  name: string,
): Promise<ConnectionRow> {
  const matches = await findConnections(deps, context.tenant.id, name);
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length === 0) throw new AppError('not_found', `${name} is not connected to this business`);
  throw new AppError(
    'bad_request',
    `More than one connection matches ${name}: ${matches.map((row) => row.name).join(', ')}`,
  );
}

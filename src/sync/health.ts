/**
 * A connection's health as the owner sees it: green, orange or red, the reason in plain words, and
 * the fixes on offer (reconnect, re-run, fix mapping, ignore).
 */
import { and, eq } from 'drizzle-orm';
import { connections } from '../../db/schema/index.ts';
import { type ConnectorFailure, type Fix, failureFacts } from '../connectors/errors.ts';
import type { Deps } from '../core/context.ts';

export type Health = 'green' | 'orange' | 'red';

const failureReasons: Record<ConnectorFailure, (system: string) => string> = {
  credentials: (system) =>
    `${system} no longer accepts Kiungo's access (the key was revoked or expired). Reconnect it.`,
  permission: (system) =>
    `${system} refused access to some data: the app lacks a permission. Reconnect with the needed access.`,
  rate_limited: (system) =>
    `${system} kept asking Kiungo to slow down; the sync will continue on the next run.`,
  vendor_down: (system) => `${system} was not answering properly. Kiungo retried; run the sync again later.`,
  timeout: (system) => `${system} took too long to answer. Run the sync again later.`,
  malformed: (system) =>
    `${system} sent data Kiungo could not read. Run the sync again; if it repeats, tell support.`,
  rejected: (system) => `${system} rejected a request. Check the field mapping, then run the sync again.`,
  not_found: (system) => `${system} says the shop or account does not exist any more. Reconnect it.`,
  configuration: (system) => `${system} is not set up correctly. Reconnect it with the right details.`,
};

export function reasonFor(failure: ConnectorFailure, system: string): string {
  return failureReasons[failure](system);
}

export function fixesFor(failure: ConnectorFailure): readonly Fix[] {
  return failureFacts[failure].fixes;
}

export async function setHealth(
  deps: Deps,
  tenantId: string,
  connectionId: string,
  health: Health,
  reason: string,
  extra: { lastSyncAt?: Date; status?: string } = {},
): Promise<void> {
  await deps.db.orm
    .update(connections)
    .set({ health, healthReason: reason, updatedAt: deps.clock.now(), ...extra })
    .where(and(eq(connections.id, connectionId), eq(connections.tenantId, tenantId)));
}

export async function markFailed(
  deps: Deps,
  tenantId: string,
  connectionId: string,
  system: string,
  failure: ConnectorFailure,
) {
  await setHealth(deps, tenantId, connectionId, failureFacts[failure].health, reasonFor(failure, system));
}

/** Builds the runtime a connector's code runs with, for one connection. */
import type { AnyConnector, ConnectorRuntime } from '../connectors/define.ts';
import { createHttpClient } from '../connectors/http-client.ts';
import type { Deps, TenantInfo } from '../core/context.ts';
import {
  type LoadedConnection,
  openCredentials,
  patchCredentials,
  updateCredentials,
  webhookUrlOf,
} from './connections.ts';

export interface RuntimeOptions {
  signal?: AbortSignal | undefined;
  /** Overrides the network (tests, benchmarks); the global fetch otherwise. */
  fetch?: typeof fetch | undefined;
  /** Overrides waiting between retries (tests). */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

export async function buildRuntime(
  deps: Deps,
  tenant: TenantInfo,
  connection: LoadedConnection,
  options: RuntimeOptions = {},
): Promise<ConnectorRuntime<unknown>> {
  const config = await openCredentials<Record<string, unknown>>(deps, connection.row);
  return runtimeFor(deps, tenant, connection.connector, connection.row.id, config, options);
}

/** A runtime for a configuration that may not be stored yet (the connect page checks it first). */
export function runtimeFor(
  deps: Deps,
  tenant: TenantInfo,
  connector: AnyConnector,
  connectionId: string,
  config: Record<string, unknown>,
  options: RuntimeOptions = {},
): ConnectorRuntime<unknown> {
  const runtime: ConnectorRuntime<unknown> = {
    config,
    connectionId,
    tenant,
    clock: deps.clock,
    signal: options.signal,
    webhookUrl: webhookUrlOf(deps, connector.id, connectionId),
    http: (http) =>
      createHttpClient({
        ...http,
        connector: connector.name,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.sleep ? { sleep: options.sleep } : {}),
      }),
    async updateConfig(change) {
      const next = await updateCredentials(
        deps,
        tenant.id,
        connectionId,
        async (current) => (await change(current as never)) as Record<string, unknown> | null,
      );
      runtime.config = next;
      return next as never;
    },
    async saveConfig(patch) {
      await patchCredentials(deps, tenant.id, connectionId, patch as Record<string, unknown>);
      runtime.config = {
        ...(runtime.config as Record<string, unknown>),
        ...(patch as Record<string, unknown>),
      };
    },
    log(level, message, data) {
      deps.logger[level](message, { connector: connector.id, connection: connectionId, ...data });
    },
  };
  return runtime;
}

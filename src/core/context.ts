/**
 * Who is asking, for which business, through which channel. Passed explicitly to every service and
 * tool; there is no global "current tenant". Every query a service runs is scoped by `tenant.id`.
 */
import type { Database } from '../../db/database.ts';
import type { MemberRole } from '../../db/schema/tenancy.ts';
import type { ColumnSuggester } from '../imports/suggest.ts';
import type { JobQueue } from '../sync/queue.ts';
import type { Clock } from './time.ts';
import type { Vault } from './vault.ts';

export type Scope = 'read' | 'write' | 'admin';
export const scopes: readonly Scope[] = ['read', 'write', 'admin'];

export type Channel = 'cli' | 'web' | 'mcp' | 'api' | 'whatsapp' | 'telegram' | 'system';

export interface TenantInfo {
  id: string;
  slug: string;
  name: string;
  currency: string;
  region: string;
  timezone: string;
  language: string;
}

export interface MemberInfo {
  id: string;
  name: string;
  role: MemberRole;
}

export interface TenantContext {
  tenant: TenantInfo;
  member: MemberInfo;
  channel: Channel;
  /** Present when the caller authenticated with an API key: the key's scopes narrow the role's. */
  keyScopes?: readonly Scope[];
}

/** What every service needs besides the context: built once at the entry point and passed down. */
export interface Deps {
  db: Database;
  vault: Vault;
  clock: Clock;
  logger: Logger;
  /** Base URL vendors and links use. */
  publicUrl?: string;
  /** The model's help with spreadsheet columns nothing else could map (only with a model key). */
  columnSuggester?: ColumnSuggester;
  /** The background job queue, when a worker is running (the server); work runs inline without it. */
  jobs?: JobQueue;
}

export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

const roleScopes: Record<MemberRole, readonly Scope[]> = {
  owner: ['read', 'write', 'admin'],
  admin: ['read', 'write', 'admin'],
  staff: ['read', 'write'],
};

/** The scopes this caller holds: the member's role, narrowed by an API key's scopes. */
export function grantedScopes(context: TenantContext): Scope[] {
  const byRole = roleScopes[context.member.role];
  return byRole.filter((scope) => !context.keyScopes || context.keyScopes.includes(scope));
}

export function canUse(context: TenantContext, scope: Scope): boolean {
  return grantedScopes(context).includes(scope);
}

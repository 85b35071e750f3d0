/** The audit log: who did what, when, from which channel. Inputs are stored redacted. */
import type { Orm } from '../../db/database.ts';
import { auditLog } from '../../db/schema/index.ts';
import type { TenantContext } from '../core/context.ts';
import { redact } from '../core/logger.ts';

export type AuditOutcome =
  | 'pending'
  | 'confirmed'
  | 'cancelled'
  | 'succeeded'
  | 'failed'
  | 'denied'
  | 'expired';

export async function writeAudit(
  executor: Orm,
  context: TenantContext,
  entry: { action: string; tool?: string; data?: unknown; outcome: AuditOutcome },
): Promise<void> {
  await executor.insert(auditLog).values({
    tenantId: context.tenant.id,
    memberId: context.member.id,
    channel: context.channel,
    action: entry.action,
    tool: entry.tool ?? null,
    data: entry.data === undefined ? null : redact(entry.data),
    outcome: entry.outcome,
  });
}

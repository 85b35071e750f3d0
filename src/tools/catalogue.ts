/** The tool catalogue: every tool the product offers, in one registry shared by all surfaces. */
import { defineConfirmAction } from './actions/confirm-action.ts';
import type { AnyTool } from './define.ts';
import { importCommit, importUndo } from './imports/import-commit.ts';
import { importPreview } from './imports/import-preview.ts';
import { dailyBriefingTool } from './insights/daily-briefing.ts';
import { dataQualityTool } from './insights/data-quality.ts';
import { insightsTool } from './insights/insights.ts';
import { salesSummaryTool } from './insights/sales-summary.ts';
import { stockRiskTool } from './insights/stock-risk.ts';
import { takeActionTool } from './insights/take-action.ts';
import { topProductsTool } from './insights/top-products.ts';
import { findDuplicatesTool } from './quality/find-duplicates.ts';
import { mergeRecordsTool } from './quality/merge-records.ts';
import { whoOwesMe } from './receivables/who-owes-me.ts';
import { customerProfileTool } from './records/customer-profile.ts';
import { findRecords } from './records/find-records.ts';
import { recordPaymentTool } from './records/record-payment.ts';
import { requestPaymentTool } from './records/request-payment.ts';
import { createRegistry, type ToolRegistry } from './registry.ts';
import { sendRemindersTool } from './reminders/send-reminders.ts';
import { getRules } from './rules/get-rules.ts';
import { setRule } from './rules/set-rule.ts';
import { configureSync } from './sync/configure-sync.ts';
import { connectIntegration } from './sync/connect-integration.ts';
import { connectionStatus } from './sync/connection-status.ts';
import { disconnectIntegration } from './sync/disconnect-integration.ts';
import { listIntegrations } from './sync/list-integrations.ts';
import { resolveSyncIssue } from './sync/resolve-sync-issue.ts';
import { runSync } from './sync/run-sync.ts';
import { setFieldMapping } from './sync/set-field-mapping.ts';
import { syncLogs } from './sync/sync-logs.ts';

export const domainTools: readonly AnyTool[] = [
  whoOwesMe,
  sendRemindersTool,
  findRecords,
  customerProfileTool,
  recordPaymentTool,
  requestPaymentTool,
  salesSummaryTool,
  insightsTool,
  takeActionTool,
  topProductsTool,
  stockRiskTool,
  dataQualityTool,
  dailyBriefingTool,
  listIntegrations,
  connectionStatus,
  connectIntegration,
  configureSync,
  disconnectIntegration,
  runSync,
  syncLogs,
  resolveSyncIssue,
  getRules,
  setRule,
  setFieldMapping,
  importPreview,
  importCommit,
  importUndo,
  findDuplicatesTool,
  mergeRecordsTool,
];

export function createToolRegistry(): ToolRegistry {
  const registry: ToolRegistry = createRegistry([...domainTools, defineConfirmAction(() => registry)]);
  return registry;
}

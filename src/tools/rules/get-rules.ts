import { z } from 'zod';
import { ruleKeys, ruleSpecs } from '../../rules/catalogue.ts';
import { loadRules } from '../../rules/store.ts';
import { defineTool } from '../define.ts';

export const getRules = defineTool({
  name: 'get_rules',
  title: 'Sync and dedup rules',
  description:
    "The business's rules and whether each is on: sync rules (don't overwrite phone numbers, create an invoice when a POS sale completes, update inventory after each sale) and dedup rules (same phone / email / SKU means the same record, ask before merging). They apply to every synced and imported record.",
  scope: 'read',
  confirm: false,
  annotations: { readOnlyHint: true, idempotentHint: true },
  input: z.object({}),
  async run({ deps, context }) {
    const rules = await loadRules(deps.db, context.tenant.id);
    const swahili = context.tenant.language === 'sw';
    const list = ruleKeys.map((key) => ({
      key,
      kind: ruleSpecs[key].kind,
      label: swahili ? ruleSpecs[key].labelSw : ruleSpecs[key].label,
      enabled: rules[key],
    }));
    const on = swahili ? 'imewashwa' : 'on';
    const off = swahili ? 'imezimwa' : 'off';
    return {
      data: { rules: list },
      text: list
        .map((rule) => `${rule.enabled ? '✓' : '✗'} ${rule.label} (${rule.enabled ? on : off})`)
        .join('\n'),
    };
  },
});

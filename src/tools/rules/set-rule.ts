import { z } from 'zod';
import { type RuleKey, ruleKeys, ruleSpecs } from '../../rules/catalogue.ts';
import { loadRules, saveRule } from '../../rules/store.ts';
import { defineTool } from '../define.ts';

export const setRule = defineTool({
  name: 'set_rule',
  title: 'Turn a rule on or off',
  description: `Turns one of the business's sync or dedup rules on or off. Rules: ${ruleKeys.map((key) => `${key} (${ruleSpecs[key].label})`).join('; ')}. "Merge customers with the same phone, but ask me first" is merge_customers_by_phone on plus ask_before_merge on: call this tool once per rule. Needs the owner's confirmation.`,
  scope: 'admin',
  confirm: true,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  input: z.object({ rule: z.enum(ruleKeys), enabled: z.boolean() }),
  async preview({ deps, context }, input) {
    const current = (await loadRules(deps.db, context.tenant.id))[input.rule as RuleKey];
    return {
      summary: `${input.enabled ? 'Turn on' : 'Turn off'}: ${ruleSpecs[input.rule as RuleKey].label}${current === input.enabled ? ' (it already is)' : ''}`,
      details: { rule: input.rule, from: current, to: input.enabled },
    };
  },
  async run({ deps, context }, input) {
    await saveRule(deps.db, context.tenant.id, input.rule, input.enabled);
    return {
      data: { rule: input.rule, enabled: input.enabled },
      text: `${ruleSpecs[input.rule as RuleKey].label}: ${input.enabled ? 'on' : 'off'}. ${
        ruleSpecs[input.rule as RuleKey].kind === 'reminder'
          ? 'Reminders follow it from the next hourly check, within business hours.'
          : 'It applies to every record synced or imported from now on.'
      }`,
    };
  },
});

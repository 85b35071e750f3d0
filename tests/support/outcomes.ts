/** Narrowing helpers for tool outcomes in tests: fail loudly with the whole outcome when it is not the expected kind. */
import type { ToolOutcome } from '../../src/tools/outcome.ts';

export function ok(outcome: ToolOutcome): Extract<ToolOutcome, { status: 'ok' }> {
  if (outcome.status !== 'ok') throw new Error(`expected a result, got ${JSON.stringify(outcome)}`);
  return outcome;
}

export function pending(outcome: ToolOutcome): Extract<ToolOutcome, { status: 'pending_confirmation' }> {
  if (outcome.status !== 'pending_confirmation')
    throw new Error(`expected a pending action, got ${JSON.stringify(outcome)}`);
  return outcome;
}

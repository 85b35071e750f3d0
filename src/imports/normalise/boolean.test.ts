import { describe, expect, it } from 'vitest';
import { normaliseBoolean } from './boolean.ts';

describe('normaliseBoolean', () => {
  it.each([
    ['yes', true],
    ['No', false],
    ['Y', true],
    ['n', false],
    ['TRUE', true],
    ['False', false],
    ['1', true],
    ['0', false],
    ['1.0', true],
    ['x', true],
    ['X', true],
    ['✓', true],
    ['ndiyo', true],
    ['Ndio', true],
    ['hapana', false],
    ['La', false],
    ['kweli', true],
    ['uongo', false],
    ['Subscribed', true],
    ['unsubscribed', false],
    ['not_subscribed', false],
    ['Opted In', true],
    ['opt-out', false],
    ['Accepts Marketing', true],
    ['yes.', true],
  ])('%s is %s', (text, value) => {
    expect(normaliseBoolean(text)).toEqual({ ok: true, value });
  });

  it.each(['maybe', '2', 'sometimes', 'yes no'])('%s is an error', (text) => {
    expect(normaliseBoolean(text)).toEqual({ ok: false, error: `"${text}" is not yes or no` });
  });

  it('returns null for an empty cell (a checkbox column reads it as false)', () => {
    expect(normaliseBoolean('')).toEqual({ ok: true, value: null });
  });
});

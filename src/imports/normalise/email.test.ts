import { describe, expect, it } from 'vitest';
import { normaliseEmail } from './email.ts';

describe('normaliseEmail', () => {
  it.each([
    ['joyce@example.com', 'joyce@example.com'],
    [' Joyce@Example.COM ', 'joyce@example.com'],
    ['JOYCE.MUSHI+duka@gmail.com', 'joyce.mushi+duka@gmail.com'],
    ['joyce@duka.co.tz', 'joyce@duka.co.tz'],
    ['Joyce Mushi <joyce@duka.co.ke>', 'joyce@duka.co.ke'],
    ['mailto:joyce@example.com', 'joyce@example.com'],
    ['joyce@gmail.com.', 'joyce@gmail.com'],
    ["o'brien@example.com", "o'brien@example.com"],
  ])('%s is %s', (text, email) => {
    expect(normaliseEmail(text)).toEqual({ ok: true, value: email });
  });

  it.each([
    ['a@x.com; b@y.com', 'a@x.com', 'also in the cell: b@y.com'],
    ['a@x.com,b@y.com', 'a@x.com', 'also in the cell: b@y.com'],
    ['A@X.com ; b@y.com; c@z.com', 'a@x.com', 'also in the cell: b@y.com, c@z.com'],
  ])('%s keeps the first address', (text, email, note) => {
    expect(normaliseEmail(text)).toEqual({ ok: true, value: email, note });
  });

  it.each([
    ['n/a', 'no email address given'],
    ['none', 'no email address given'],
    ['-', 'no email address given'],
    ['No email', 'no email address given'],
    ['hakuna', 'no email address given'],
    ['test@', '"test@" is not an email address'],
    ['@example.com', '"@example.com" is not an email address'],
    ['joyce@gmail', '"joyce@gmail" is not an email address'],
    ['joyce..mushi@gmail.com', '"joyce..mushi@gmail.com" is not an email address'],
    ['joyce@-gmail.com', '"joyce@-gmail.com" is not an email address'],
    ['joyce mushi@gmail.com', '"joyce mushi@gmail.com" has a space in it: not an email address'],
    ['0712345678', '"0712345678" is not an email address'],
  ])('%s is an error', (text, error) => {
    expect(normaliseEmail(text)).toEqual({ ok: false, error });
  });

  it('returns null for an empty cell', () => {
    expect(normaliseEmail('')).toEqual({ ok: true, value: null });
  });
});

import { describe, expect, it } from 'vitest';
import { claimsAnAction, guardReply } from './reply-guard.ts';

describe('reply guard', () => {
  it.each([
    "I've recorded the payment of TSh 50,000.",
    'The payment has been recorded.',
    'Done! I have sent the reminders.',
    'Nimerekodi malipo ya elfu hamsini.',
    'Malipo yamerekodiwa.',
  ])('catches a claim: %s', (text) => {
    expect(claimsAnAction(text)).toBe(true);
  });

  it.each([
    'Hassan owes TSh 3,500,000.',
    'Shall I record TSh 50,000 from Hassan?',
    'Nani ananidai: Hassan TSh 100,000',
  ])('lets plain answers through: %s', (text) => {
    expect(claimsAnAction(text)).toBe(false);
  });

  it('replaces a false claim with what is really waiting', () => {
    const guarded = guardReply(
      "I've recorded it.",
      { writeSucceeded: false, pendingSummaries: ['Record TSh 50,000 from Hassan'] },
      'en',
    );
    expect(guarded.replaced).toBe(true);
    expect(guarded.text).toContain('only after you confirm');
    expect(guarded.text).toContain('Record TSh 50,000 from Hassan');
  });

  it('keeps a true claim', () => {
    expect(
      guardReply("I've recorded it.", { writeSucceeded: true, pendingSummaries: [] }, 'en').replaced,
    ).toBe(false);
  });
});

/**
 * The final guard on a reply: text that claims something was done (recorded, sent, saved…) is not
 * sent as is unless a tool result in this turn says a write succeeded.
 */

const claims = [
  /\b(i('| ha)ve|i have|has been|have been|was|were|successfully)\s+(recorded|saved|sent|created|updated|deleted|merged|imported|synced|paid|applied|confirmed)\b/i,
  /\b(recorded|saved|sent|created|deleted|merged|imported)\s+(it|the|your|a|an|\d)/i,
  /\b(nimerekodi|nimehifadhi|nimetuma|imerekodiwa|imehifadhiwa|imetumwa|yamerekodiwa|yamehifadhiwa|nimelipa)\b/i,
];

export interface TurnFacts {
  writeSucceeded: boolean;
  pendingSummaries: string[];
}

export function claimsAnAction(text: string): boolean {
  return claims.some((pattern) => pattern.test(text));
}

export function guardReply(
  text: string,
  facts: TurnFacts,
  language: string,
): { text: string; replaced: boolean } {
  if (facts.writeSucceeded || !claimsAnAction(text)) return { text, replaced: false };
  if (facts.pendingSummaries.length > 0) {
    const waiting =
      language === 'sw'
        ? 'Hii itafanyika tu baada ya wewe kuthibitisha:'
        : 'This happens only after you confirm:';
    return { text: `${waiting}\n${facts.pendingSummaries.join('\n')}`, replaced: true };
  }
  const nothing =
    language === 'sw'
      ? 'Sijabadilisha chochote. Niambie tena unachotaka nifanye.'
      : 'Nothing has been changed. Tell me again what you would like me to do.';
  return { text: nothing, replaced: true };
}

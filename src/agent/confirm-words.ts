/** Whether a whole message is a yes or a no to a waiting action ("ndiyo", "sawa", "hapana", "acha"…). */

const yes =
  /^(yes|y|yeah|yep|ok|okay|sure|confirm|confirmed|do it|go ahead|ndiyo|ndio|naam|sawa|sawa sawa|thibitisha|endelea|fanya)[.!\s]*$/i;
const no = /^(no|n|nope|cancel|stop|don'?t|hapana|la|acha|sitisha|ghairi|usifanye)[.!\s]*$/i;

export function confirmationWord(text: string): 'confirm' | 'cancel' | null {
  const trimmed = text.trim();
  if (yes.test(trimmed)) return 'confirm';
  if (no.test(trimmed)) return 'cancel';
  return null;
}

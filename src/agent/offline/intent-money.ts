/**
 * Money intents: recording a payment (a write, so both the amount and the customer must be said),
 * payments received, who owes what, and sales.
 */
import { locateAmount, locateAmounts } from './amount-words.ts';
import type { Intent, PaymentMethodWord } from './intents.ts';
import { thisMonthPeriod, todayPeriod } from './period.ts';
import { findName, type NamePattern, type Sentence } from './sentence.ts';
import { paymentMethodPatterns } from './vocabulary.ts';

/** Polite openings before an order: "please record ...", "can you record ...", "tafadhali rekodi ...". */
const politeStart = String.raw`^(?:(?:please|pls|tafadhali|kiungo|ok|okay|sawa|(?:can|could|would)\s+you(?:\s+please)?)[\s,]+)?`;

/** Verbs that open an order to record money received. */
const recordVerbAtStart = new RegExp(
  `${politeStart}(?:record|rekodi|andika|sajili|pokea|log|weka|add|enter|ingiza|nimepokea|tumepokea|received|receive|got|(?:i|we)\\s+(?:have\\s+|just\\s+)?(?:received|got)|i've\\s+(?:received|got))\\b`,
);

/** Orders that are unmistakably a write: if their slots are missing we must not fall back to a read. */
const explicitWrite = new RegExp(
  `${politeStart}(?:record|rekodi|andika|sajili|pokea)\\b|${politeStart}(?:add|enter|ingiza|weka)\\s+(?:a\\s+|new\\s+)?(?:payment|malipo)\\b`,
);

const paidVerbs = String.raw`(?:has\s+|have\s+|just\s+|already\s+)*(?:paid|pays|amelipa|alilipa|amelipia|alilipia|ametuma|alituma|amenilipa|alinilipa|ameleta|alileta)\b`;

/** "X paid ..." / "X amelipa ...": a statement that money came in. */
const paidVerb = new RegExp(String.raw`\b${paidVerbs}`);

/** The payer of such a statement is the subject before the verb. */
const payerSubject: NamePattern[] = [
  { pattern: new RegExp(String.raw`^(.*?)\s*\b${paidVerbs}`), side: 'before' },
];

const payerPatterns: NamePattern[] = [
  { pattern: /\b(?:from|kutoka(?:\s+kwa)?|paid\s+by|imetoka\s+kwa)\s+/, side: 'after' },
];

/** "Record 30k for Mama Joyce": weaker than "from" or a subject, since "for" also names goods. */
const beneficiaryPatterns: NamePattern[] = [{ pattern: /\bfor\s+/, side: 'after' }];

const referenceAfterWord =
  /\b(?:ref(?:erence)?|kumbukumbu|code|msimbo|transaction(?:\s+id)?|muamala)\b\.?\s*(?:no\.?|number|namba|#|:)?\s*([a-z0-9][a-z0-9-]{3,})/d;

/** M-Pesa style transaction codes: ten capitals and digits, with at least one of each. */
const mpesaCode = /\b(?=[A-Z0-9]{10}\b)(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]*\d)[A-Z0-9]{10}\b/;

function blank(text: string, index: number, length: number, filler: string): string {
  return text.slice(0, index) + filler.repeat(length) + text.slice(index + length);
}

function findMethod(lower: string): PaymentMethodWord | undefined {
  let best: { method: PaymentMethodWord; index: number } | undefined;
  for (const { method, pattern } of paymentMethodPatterns) {
    const index = lower.search(pattern);
    if (index >= 0 && (!best || index < best.index)) best = { method, index };
  }
  return best?.method;
}

function findReference(text: string): { value: string; index: number; length: number } | null {
  const afterWord = referenceAfterWord.exec(text.toLowerCase());
  const span = afterWord?.indices?.[1];
  if (afterWord && span && /\d/.test(afterWord[1] ?? '')) {
    return { value: text.slice(span[0], span[1]), index: span[0], length: span[1] - span[0] };
  }
  const code = mpesaCode.exec(text);
  return code ? { value: code[0], index: code.index, length: code[0].length } : null;
}

/**
 * record_payment when the message orders or states a payment with both an amount and a payer.
 * Returns 'incomplete' for an explicit order to record that lacks either, so the caller answers
 * 'unknown' instead of guessing the missing part or reading it as a question.
 */
export function detectRecordPayment(sentence: Sentence): Intent | 'incomplete' | null {
  const { lower } = sentence;
  const ordered = recordVerbAtStart.test(lower);
  const explicit = explicitWrite.test(lower);
  // "How much did Hassan pay?" or "Did Hassan pay 20000?" ask about payments; they record nothing.
  if (sentence.question && !explicit) return null;

  let masked = sentence.text;
  const reference = findReference(masked);
  if (reference) masked = blank(masked, reference.index, reference.length, ' ');
  const paid = paidVerb.test(masked.toLowerCase());
  // Two clear amounts ("30k from Hassan, 20k from Juma") are two payments or a payment and a debt:
  // recording one of them would be a guess.
  const clearAmounts = locateAmounts(masked).filter((found) => found.clear).length;
  if (clearAmounts > 1) return ordered || paid ? 'incomplete' : null;
  const amount = locateAmount(masked);
  // Digits where the amount was stop a name read across it ("from Hassan elfu kumi").
  if (amount) masked = blank(masked, amount.index, amount.length, '0');
  const method = findMethod(masked.toLowerCase());

  let customer = findName(sentence, payerPatterns, masked);
  if (!customer && paid) customer = findName(sentence, payerSubject, masked);
  customer ??= findName(sentence, beneficiaryPatterns, masked);
  // "50k from Hassan via M-Pesa" carries no verb but every part of a payment note.
  const noted = Boolean(method && customer && amount && /\b(?:from|kutoka)\b/.test(lower));
  if ((ordered || paid || noted) && amount && customer) {
    const intent: Intent = { name: 'record_payment', customer, amount: amount.value };
    if (method) intent.method = method;
    if (reference) intent.reference = reference.value;
    return intent;
  }
  return explicit ? 'incomplete' : null;
}

const payerQuestionPatterns: NamePattern[] = [
  { pattern: /\bhow\s+much\s+(?:money\s+)?(?:did|has|have)\s+(.+?)\s+(?:paid|pay)\b/, side: 'before' },
  { pattern: /\bwhat\s+(?:did|has)\s+(.+?)\s+(?:paid|pay)\b/, side: 'before' },
  { pattern: /\b(?:did|has)\s+(.+?)\s+(?:paid|pay)\b/, side: 'before' },
  { pattern: /^(.+?)\s+(?:has\s+|have\s+)?paid\b/, side: 'before' },
  {
    pattern:
      /^(?:je\s+)?(.+?)\s+(?:amelipa|alilipa|amelipia|alilipia|amenilipa|alinilipa|ametuma|alituma|ameleta)\b/,
    side: 'before',
  },
  { pattern: /\bpayments?\s+(?:from|by|of|made\s+by)\s+/, side: 'after' },
  { pattern: /\bmalipo\s+(?:ya|kutoka(?:\s+kwa)?)\s+/, side: 'after' },
  { pattern: /\b(?:came|come)\s+(?:in\s+)?from\s+/, side: 'after' },
  { pattern: /\b(?:paid|received)\s+(?:by|from)\s+/, side: 'after' },
];

const paymentsWords =
  /\bpayments?\b|\bmalipo\b|\bcame\s+in\b|\bcome\s+in\b|\bcoming\s+in\b|\bmoney\s+in\b|\bcollect(?:ed|ions?)\b|\bpaid\b|\bpay\b|\breceived\b|\bpesa\s+(?:iliyoingia|zilizoingia|imeingia|zimeingia|iliyopokelewa)\b|\bzilizopokelewa\b|\bmapokezi\b|\b(?:amelipa|alilipa|wamelipa|walilipa|ametuma|wametuma)\b/;

/** Phrasings that ask about the cash-up of the day when no period is said. */
const todayishPayments =
  /\bcame\s+in\b|\bcome\s+in\b|\bmoney\s+in\b|\bany\s+(?:new\s+)?payments?\b|\bnew\s+payments?\b|\bwho\s+(?:has\s+)?paid\b|\bnani\s+(?:amelipa|wamelipa|alilipa)\b|\bpesa\s+(?:imeingia|zimeingia)\b/;

/** "Did I pay ...", "I paid ..." are about the owner's own spending, not money received. */
const ownerPaying =
  /\b(?:i|we)\s+(?:have\s+)?(?:paid|pay)\b|\bdid\s+(?:i|we)\s+pay\b|\bnimelipa\b|\btumelipa\b/;

/**
 * payments_received. Without a period the answer covers this month, except for cash-up phrasings
 * ("what came in?", "who paid?", "any new payments?") which mean today.
 */
export function detectPaymentsReceived(sentence: Sentence): Intent | null {
  const { lower } = sentence;
  if (!paymentsWords.test(lower) || ownerPaying.test(lower)) return null;
  const customer = findName(sentence, payerQuestionPatterns);
  const fallback = todayishPayments.test(lower)
    ? todayPeriod(sentence.today)
    : thisMonthPeriod(sentence.today);
  const intent: Intent = { name: 'payments_received', period: sentence.located?.period ?? fallback };
  if (customer) intent.customer = customer;
  return intent;
}

const debtorPatterns: NamePattern[] = [
  {
    pattern: /\bhow\s+much\s+(?:money\s+)?(?:does|do|did|will)\s+(.+?)\s+(?:still\s+)?owe\b/,
    side: 'before',
  },
  { pattern: /\bwhat\s+does\s+(.+?)\s+(?:still\s+)?owe\b/, side: 'before' },
  { pattern: /\bdoes\s+(.+?)\s+(?:still\s+)?owe\b/, side: 'before' },
  { pattern: /^(.+?)\s+(?:still\s+)?owes?\b/, side: 'before' },
  { pattern: /^(?:je\s+)?(.+?)\s+(?:bado\s+)?(?:anadaiwa|ananidai|anadai)\b/, side: 'before' },
  { pattern: /^(.+?)\s+(?:hajalipa|hajamaliza)\b/, side: 'before' },
  { pattern: /\b(?:deni|madeni|salio|balance|debt)\s+(?:la|ya|za|of|for)\s+/, side: 'after' },
  { pattern: /^(.+?)'s\s+(?:debt|balance|outstanding|deni)\b/, side: 'before' },
];

const receivablesWords =
  /\bowes?\b|\bowing\b|\bowed\b|\bdebts?\b|\bdebtors?\b|\breceivables?\b|\boutstanding\b|\boverdue\b|\bunpaid\b|\bpast\s+due\b|\b(?:hasn't|hasnt|haven't|havent|has\s+not|have\s+not|did\s+not|didn't|didnt|never|not\s+yet)\s+(?:paid|pay)\b|\bnot\s+paid\b|\byet\s+to\s+pay\b|\blate\s+(?:payers|payments|customers|invoices)\b|\b(?:is|are|who's)\s+(?:\S+\s+){0,3}late\b|\bdays?\s+late\b|\bananidai\b|\bwananidai\b|\bwanaonidai\b|\banayenidai\b|\banadaiwa\b|\bwanadaiwa\b|\bwanaodaiwa\b|\bwadaiwa\b|\bmadeni\b|\bdeni\b|\bwadeni\b|\bhawajalipa\b|\bhajalipa\b|\bhazijalipwa\b|\bhaijalipwa\b|\bzimechelewa\b|\bzilizochelewa\b|\bwamechelewa\b|\bwaliochelewa\b/;

const overdueWords =
  /\boverdue\b|\bpast\s+due\b|\blate\b|\bzimechelewa\b|\bzilizochelewa\b|\bwamechelewa\b|\bwaliochelewa\b|\bkuchelewa\b|\bzimepitiliza\b|\bzilizopitiliza\b|\bmuda\s+(?:wake\s+)?umepita\b/;

const minimumDaysPatterns = [
  /\b(?:more\s+than|over|above|older\s+than|longer\s+than|beyond|greater\s+than|past|>)\s*(\d{1,4})\s*days?\b/,
  /\b(\d{1,4})\s*\+\s*days?\b/,
  /\b(\d{1,4})\s*days?\s+(?:or\s+more|and\s+(?:more|above|over)|overdue|late|past\s+due)\b/,
  /\boverdue\s+(?:by|for)\s+(?:more\s+than\s+|over\s+|at\s+least\s+)?(\d{1,4})\s*days?\b/,
  /\bat\s+least\s+(\d{1,4})\s*days?\b/,
  /\bzaidi\s+ya\s+siku\s+(\d{1,4})\b/,
  /\bsiku\s+(\d{1,4})\s+(?:au|na)\s+zaidi\b/,
  /\bsiku\s+zaidi\s+ya\s+(\d{1,4})\b/,
];

/**
 * receivables ("who owes me?"), or customer_lookup when the debt asked about is one customer's
 * ("how much does Hassan owe?", "Hassan anadaiwa kiasi gani") since their profile shows it.
 */
export function detectReceivables(sentence: Sentence): Intent | null {
  const { lower } = sentence;
  if (!receivablesWords.test(lower)) return null;
  const customer = findName(sentence, debtorPatterns);
  if (customer) return { name: 'customer_lookup', customer };
  let minDaysOverdue: number | undefined;
  for (const pattern of minimumDaysPatterns) {
    const days = pattern.exec(lower)?.[1];
    if (days) {
      minDaysOverdue = Number(days);
      break;
    }
  }
  const intent: Intent = {
    name: 'receivables',
    onlyOverdue: minDaysOverdue !== undefined || overdueWords.test(lower),
  };
  if (minDaysOverdue !== undefined) intent.minDaysOverdue = minDaysOverdue;
  return intent;
}

const salesWords =
  /\bsales\b|\bsold\b|\bsell\b|\bselling\b|\brevenue\b|\bturnover\b|\btakings\b|\bmauzo\b|\bmapato\b|\bnimeuza\b|\btumeuza\b|\bumeuza\b|\bniliuza\b|\btuliuza\b|\bimeuzwa\b|\bzimeuzwa\b|\bziliuzwa\b|\bhow\s+much\s+did\s+(?:i|we)\s+(?:make|earn)\b/;

/** sales_summary; without a period it covers this month so far. */
export function detectSales(sentence: Sentence): Intent | null {
  if (!salesWords.test(sentence.lower)) return null;
  return { name: 'sales_summary', period: sentence.located?.period ?? thisMonthPeriod(sentence.today) };
}

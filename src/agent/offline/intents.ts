/**
 * The offline intent parser: turns an owner's message (English, Swahili or a mix) into one intent
 * with its slots, without a model. Detectors run from the most specific to the most general, and a
 * write (record_payment) is only returned when every part of it was said; anything unclear is
 * 'unknown' so that the caller asks instead of guessing.
 */
import {
  detectPaymentsReceived,
  detectReceivables,
  detectRecordPayment,
  detectSales,
} from './intent-money.ts';
import {
  detectCatalogue,
  detectConnect,
  detectConnectionStatus,
  detectDataQuality,
  detectImportHelp,
  detectRules,
  detectStockRisk,
  detectSync,
  detectSyncLogs,
  detectTopProducts,
} from './intent-systems.ts';
import type { Period } from './period.ts';
import { findName, type NamePattern, prepareSentence, type Sentence } from './sentence.ts';
import {
  cancelPhrases,
  confirmPhrases,
  confirmWords,
  englishWords,
  greetingFillers,
  greetingWords,
  swahiliWords,
} from './vocabulary.ts';

/** Payment method words the parser recognises; the same codes as the payments records. */
export type PaymentMethodWord =
  | 'mpesa'
  | 'airtel_money'
  | 'tigo_pesa'
  | 'halopesa'
  | 'cash'
  | 'card'
  | 'bank';

/** What the owner asked for, with the details they gave. */
export type Intent =
  | { name: 'receivables'; onlyOverdue: boolean; minDaysOverdue?: number }
  | { name: 'customer_lookup'; customer: string }
  | { name: 'payments_received'; customer?: string; period: Period }
  | {
      name: 'record_payment';
      customer: string;
      amount: string;
      method?: PaymentMethodWord;
      reference?: string;
    }
  | { name: 'sales_summary'; period: Period }
  | { name: 'sync'; system: string; full: boolean; streams?: string[] }
  | { name: 'connect'; system: string }
  | { name: 'integrations'; search?: string }
  | { name: 'rules' }
  | { name: 'set_rules'; rules: string[] }
  | { name: 'sync_logs'; system?: string; period?: Period }
  | { name: 'connection_status' }
  | { name: 'import_help'; entity?: string }
  | { name: 'insights' }
  | { name: 'briefing' }
  | { name: 'data_quality' }
  | { name: 'top_products'; period?: Period }
  | { name: 'stock_risk' }
  | { name: 'reminders' }
  | { name: 'take_action'; recommendation: string }
  | { name: 'help' }
  | { name: 'greeting' }
  | { name: 'confirm' }
  | { name: 'cancel' }
  | { name: 'unknown' };

/** An intent and the language to answer in. */
export interface ParsedUtterance {
  intent: Intent;
  language: 'en' | 'sw';
}

function words(lower: string): string[] {
  return (lower.match(/[\p{L}']+/gu) ?? []).map((word) => word.replace(/^'+|'+$/g, '').replace(/'s$/, ''));
}

/**
 * 'sw' when more of the known words are Swahili than English; on a tie, the language of the first
 * known word, since mixed messages usually keep the grammar of the language they start in.
 */
export function detectLanguage(lower: string): 'en' | 'sw' {
  let swahili = 0;
  let english = 0;
  let first: 'en' | 'sw' | undefined;
  for (const word of words(lower)) {
    if (swahiliWords.has(word)) {
      swahili++;
      first ??= 'sw';
    } else if (englishWords.has(word)) {
      english++;
      first ??= 'en';
    }
  }
  if (swahili !== english) return swahili > english ? 'sw' : 'en';
  return first ?? 'en';
}

const politeWords = new Set(['please', 'pls', 'plz', 'tafadhali', 'kiungo', 'asante', 'thanks']);
const confirmEmoji = new Set(['👍', '✅', '👌', '🆗']);
const cancelEmoji = new Set(['👎', '❌', '✋', '🛑']);

/** confirm or cancel, only when the whole message is that reply ("yes", "sawa", "hapana acha"). */
function detectReply(sentence: Sentence): Intent | null {
  const trimmed = sentence.text.trim();
  if (confirmEmoji.has(trimmed)) return { name: 'confirm' };
  if (cancelEmoji.has(trimmed)) return { name: 'cancel' };
  const bare = sentence.lower
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const tokens = bare.split(' ').filter(Boolean);
  const withoutPolite = tokens.filter((token) => !politeWords.has(token)).join(' ');
  for (const candidate of [bare, withoutPolite]) {
    if (!candidate) continue;
    if (cancelPhrases.has(candidate)) return { name: 'cancel' };
    if (confirmPhrases.has(candidate)) return { name: 'confirm' };
    if (candidate.split(' ').every((token) => confirmWords.has(token))) return { name: 'confirm' };
  }
  return null;
}

const takeActionPattern =
  /\b(?:take\s+action|do|run|act\s+on|chukua\s+hatua|fanya)\s+(?:on\s+|number\s+|namba\s+|no\.?\s*|#)?(rec_[a-z0-9]+|\d{1,2})\b/;

/** take_action: "take action 2", "chukua hatua 1", "do rec_ab12…". */
function detectTakeAction(sentence: Sentence): Intent | null {
  const match = takeActionPattern.exec(sentence.lower);
  return match?.[1] ? { name: 'take_action', recommendation: match[1] } : null;
}

const reminderWords =
  /\bsend\s+(?:\S+\s+){0,3}reminders?\b|\bremind\s+(?:everyone|all|customers|debtors|them)\b|\b(?:payment|debt)\s+reminders?\b|\btuma\s+vikumbusho\b|\bvikumbusho\b|\bwakumbushe\b|\bkumbusha\s+wadeni\b/;

const briefingWords =
  /\bbriefing\b|\bbrief\s+me\b|\b(?:morning|daily|day's|today's|end\s+of\s+day)\s+(?:summary|report|update|digest|brief)\b|\bmuhtasari\b|\bsummary\b|\bripoti\s+ya\s+(?:leo|asubuhi|kila\s+siku)\b|\bwhat'?s\s+new\s+today\b|\bmy\s+day\b/;

const insightWords =
  /\bhow(?:'s|\s+is|\s+are)\s+(?:my\s+|the\s+|our\s+)?business\b|\bhow\s+(?:am\s+i|are\s+we)\s+doing\b|\bbiashara\s+(?:yangu\s+|yetu\s+)?(?:inaendaje|ikoje|iko\s+aje|inakwendaje|imekaaje)\b|\binsights?\b|\brecommend(?:ation)?s?\b|\badvice\b|\bsuggestions?\b|\bushauri\b|\bwhat\s+should\s+(?:i|we)\s+(?:do|focus\s+on)\b|\bnifanye\s+nini\b|\btufanye\s+nini\b|\bmapendekezo\b|\btrends?\b|\babout\s+(?:my\s+|the\s+|our\s+)?business\b|\bkuhusu\s+biashara\b/;

const lookupPatterns: NamePattern[] = [
  {
    pattern:
      /^(.+?)'s\s+(?:profile|details|info|information|account|history|statement|record|records|contact|contacts|number|phone|balance|debt)\b/,
    side: 'before',
  },
  {
    pattern:
      /\b(?:profile|details|info|information|history|statement|contact|wasifu|taarifa|maelezo|historia)\s+(?:of|for|on|about|ya|za|wa)\s+/,
    side: 'after',
  },
  {
    pattern:
      /\b(?:show\s+me|show|nionyeshe|nioneshe|onyesha|nionesha|tell\s+me\s+about|niambie\s+kuhusu|nieleze\s+kuhusu|find|search\s+for|search|tafuta|look\s+up|lookup|open|fungua|angalia|who\s+is|check)\s+/,
    side: 'after',
  },
  { pattern: /\b(?:mteja|customer|client)\s+/, side: 'after' },
  { pattern: /^(.+?)\s+ni\s+nani\b/, side: 'before' },
];

const helpWords =
  /\bhelp\b|\bmsaada\b|\bnisaidie\b|\bsaidia\b|\bwhat\s+can\s+you\s+do\b|\bunaweza\s+kufanya\s+nini\b|\bunaweza\s+kunisaidia\b|\bwhat\s+do\s+you\s+do\b|\bhow\s+does\s+this\s+work\b|\bcommands\b|\bmenu\b|\bwhat\s+are\s+you\b|\bunafanya\s+nini\b|\bnini\s+unaweza\b|\bhow\s+(?:do\s+i|to)\s+use\b|\bfeatures\b|\bwewe\s+ni\s+nani\b|\bwho\s+are\s+you\b/;

/** greeting, only when the message greets or thanks and asks nothing ("habari za asubuhi", "hi there"). */
function detectGreeting(sentence: Sentence): Intent | null {
  const tokens = words(sentence.lower);
  if (tokens.length === 0) return null;
  const allSocial = tokens.every((token) => greetingWords.has(token) || greetingFillers.has(token));
  const greets =
    tokens.some((token) => greetingWords.has(token)) || /^how\s+are\s+you\b/.test(sentence.lower);
  return allSocial && greets ? { name: 'greeting' } : null;
}

type Detector = (sentence: Sentence) => Intent | null;

/** Most specific first: a sync of payments is a sync, a question about unpaid invoices is not a payment. */
const detectors: Detector[] = [
  detectTakeAction,
  detectSyncLogs,
  detectRules,
  detectCatalogue,
  detectConnectionStatus,
  detectConnect,
  detectSync,
  detectImportHelp,
  detectDataQuality,
  detectStockRisk,
  detectTopProducts,
  (sentence) => (reminderWords.test(sentence.lower) ? { name: 'reminders' } : null),
  detectReceivables,
  detectPaymentsReceived,
  detectSales,
  (sentence) => (briefingWords.test(sentence.lower) ? { name: 'briefing' } : null),
  (sentence) => (insightWords.test(sentence.lower) ? { name: 'insights' } : null),
  (sentence) => {
    const customer = findName(sentence, lookupPatterns);
    return customer ? { name: 'customer_lookup', customer } : null;
  },
  (sentence) => (helpWords.test(sentence.lower) ? { name: 'help' } : null),
  detectGreeting,
];

function detectIntent(sentence: Sentence): Intent {
  if (!sentence.lower) return { name: 'unknown' };
  const reply = detectReply(sentence);
  if (reply) return reply;
  const payment = detectRecordPayment(sentence);
  if (payment === 'incomplete') return { name: 'unknown' };
  if (payment) return payment;
  for (const detect of detectors) {
    const intent = detect(sentence);
    if (intent) return intent;
  }
  return { name: 'unknown' };
}

/**
 * Parses one chat message into an intent and the language to answer in. `today` is YYYY-MM-DD in
 * the business's time zone; relative periods ("jana", "last month") are resolved against it.
 */
export function parseUtterance(text: string, today: string): ParsedUtterance {
  const sentence = prepareSentence(text, today);
  return { intent: detectIntent(sentence), language: detectLanguage(sentence.lower) };
}

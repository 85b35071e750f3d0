/**
 * Intents about connected systems and data: sync logs, connection status, running a sync, importing
 * a spreadsheet, and data quality.
 */
import type { Intent } from './intents.ts';
import type { Sentence } from './sentence.ts';
import { findKnownSystem, startsWithKnownSystem } from './vocabulary.ts';

const logWords =
  /\blogs?\b|\berrors?\b|\bhistory\b|\bfail(?:ed|ure|ures|ing|s)?\b|\bissues?\b|\bproblems?\b|\bwhat\s+happened\b|\bwent\s+wrong\b|\bkumbukumbu\b|\bmakosa\b|\bhitilafu\b|\btatizo\b|\bmatatizo\b|\bimeshindwa\b|\bilishindwa\b|\bzimeshindwa\b|\bkilitokea\b|\bkilichotokea\b|\bkimetokea\b|\bimekwama\b|\bstuck\b/;

const syncWords = /\b(?:re-?)?sync\w*|\busawazishaji\b|\bsawazisha\w*|\bintegrations?\b/;

/** sync_logs: what a sync did or why it failed, for one system or all. */
export function detectSyncLogs(sentence: Sentence): Intent | null {
  const { lower } = sentence;
  const system = findKnownSystem(lower);
  const bareLogs = /\blogs\b/.test(lower);
  if (!logWords.test(lower) || !(syncWords.test(lower) || system || bareLogs)) return null;
  const intent: Intent = { name: 'sync_logs' };
  if (system) intent.system = system;
  if (sentence.located) intent.period = sentence.located.period;
  return intent;
}

const connectionWords =
  /\bconnections?\b|\bconnected\b|\bintegrations?\b|\bmiunganisho\b|\biliyounganishwa\b|\bimeunganishwa\b|\bzimeunganishwa\b|\bzilizounganishwa\b|\bkuunganishwa\b|\bimeungana\b|\bsync(?:ing)?\s+status\b|\bstatus\s+of\s+(?:the\s+|my\s+)?(?:syncs?|syncing|integrations?|connections?|systems?)\b|\b(?:is|are)\s+(?:\S+\s+){0,3}(?:syncing|connected|up\s+to\s+date|online)\b|\b(?:systems?|integrations?|everything)\s+(?:are\s+|is\s+)?(?:working|ok|fine|running)\b|\bhali\s+ya\s+(?:usawazishaji|mifumo|miunganisho)\b|\bmifumo\b/;

/** connection_status: which systems are connected and whether they are syncing. */
export function detectConnectionStatus(sentence: Sentence): Intent | null {
  return connectionWords.test(sentence.lower) ? { name: 'connection_status' } : null;
}

/** Sync verbs that name no system by themselves ("sync", "sawazisha"). */
const syncVerb = /\b(?:re-?)?sync(?:hroni[sz]e)?\b|\bsawazisha\b/;

/** Verbs that mean a sync only when a known system is named ("update from M-Pesa", "refresh Shopify"). */
const fetchVerb =
  /\bupdate\s+(?:\S+\s+){0,2}from\b|\b(?:pull|fetch|import|vuta|leta)\s+(?:\S+\s+){0,3}(?:from|kutoka)\b/;

/** "update Shopify", "refresh my M-Pesa": the system right after the verb. */
const refreshVerb = /\b(?:update|refresh)\s+(?:my\s+|the\s+|our\s+)?/g;

function refreshesKnownSystem(lower: string): boolean {
  for (const match of lower.matchAll(refreshVerb)) {
    if (startsWithKnownSystem(lower.slice(match.index + match[0].length))) return true;
  }
  return false;
}

const fullWords =
  /\bfull\b|\bcomplete\b|\bkamili\b|\bentire\b|\bfrom\s+scratch\b|\ball\s+history\b|\bre-?sync\b|\bupya\b|\bfrom\s+the\s+(?:start|beginning)\b|\btangu\s+mwanzo\b/;

const allSystems = /\ball\b|\beverything\b|\bzote\b|\byote\b|\bkila\s+kitu\b/;

/** Words after "sync" that are not the name of a system. */
const syncFillers = new Set(
  `my the a an our full complete now sasa data orders order oda products bidhaa customers wateja payments
  malipo invoices ankara of from with za ya na kutoka again tena upya please tafadhali run do kamili store
  duka account akaunti inventory stock stoo sales mauzo it to up me for`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * sync: run a sync of a known system, of the word after "sync" if it names an unknown one ("sync
 * jumia" → 'jumia'), or of everything ('all') for "sync all" or a bare "sync now".
 */
export function detectSync(sentence: Sentence): Intent | null {
  const { lower } = sentence;
  const known = findKnownSystem(lower);
  const verb = syncVerb.exec(lower);
  if (!verb && !(known && (fetchVerb.test(lower) || refreshesKnownSystem(lower)))) return null;
  const full = fullWords.test(lower);
  const streams = streamsNamed(lower);
  if (known) return { name: 'sync', system: known, full, ...(streams.length > 0 ? { streams } : {}) };
  if (allSystems.test(lower) || !verb) return { name: 'sync', system: 'all', full };
  const after = lower.slice(verb.index + verb[0].length).match(/[\p{L}\d_-]+/gu) ?? [];
  const system = after.find((word) => !syncFillers.has(word));
  return { name: 'sync', system: system ?? 'all', full };
}

const importWords =
  /\bimport(?:ing|s)?\b|\bupload(?:ing)?\b|\bkuingiza\b|\bingiza\b|\bnaingiza\b|\btuingize\b|\bniingize\b|\bkupakia\b|\bpakia\b|\bspreadsheets?\b|\bexcel\b|\bcsv\b|\bbring\s+(?:in|over)\b|\bmove\s+(?:my\s+)?data\b/;

const importEntities: { entity: string; pattern: RegExp }[] = [
  { entity: 'leads', pattern: /\bleads?\b|\bprospects?\b|\bwateja\s+watarajiwa\b/ },
  { entity: 'customers', pattern: /\bcustomers?\b|\bclients?\b|\bcontacts?\b|\bwateja\b|\bmteja\b/ },
  { entity: 'products', pattern: /\bproducts?\b|\bitems?\b|\bbidhaa\b|\bprice\s+list\b/ },
  { entity: 'invoices', pattern: /\binvoices?\b|\bankara\b|\bbills?\b/ },
  { entity: 'payments', pattern: /\bpayments?\b|\bmalipo\b/ },
  { entity: 'inventory', pattern: /\binventory\b|\bstock\b|\bstoo\b|\bstoku\b|\bmzigo\b/ },
  { entity: 'expenses', pattern: /\bexpenses?\b|\bmatumizi\b|\bgharama\b/ },
];

/** import_help: how to bring a spreadsheet in, and of what. */
export function detectImportHelp(sentence: Sentence): Intent | null {
  const { lower } = sentence;
  if (!importWords.test(lower)) return null;
  let best: { entity: string; index: number } | undefined;
  for (const { entity, pattern } of importEntities) {
    const index = lower.search(pattern);
    if (index >= 0 && (!best || index < best.index)) best = { entity, index };
  }
  return best ? { name: 'import_help', entity: best.entity } : { name: 'import_help' };
}

const dataQualityWords =
  /\bdata\s+quality\b|\bduplicates?\b|\bduplicated\b|\bclean\s+(?:up\s+)?(?:my\s+|the\s+)?(?:data|records|customers|contacts|list)\b|\bclean\s*up\b|\bwithout\s+(?:a\s+|any\s+)?(?:phone|phones|number|numbers|email|emails)\b|\bmissing\s+(?:phone|phones|numbers?|emails?|data|details)\b|\bno\s+phone\b|\bwaliorudiwa\b|\bzilizorudiwa\b|\bwanaojirudia\b|\bmarudio\b|\bubora\s+wa\s+data\b|\bsafisha\b|\bbila\s+(?:namba|simu)\b|\bdata\s+(?:issues|problems|errors)\b|\bdata\s+mbaya\b|\bincomplete\b/;

/** data_quality: duplicates, missing phone numbers, cleaning up. */
export function detectDataQuality(sentence: Sentence): Intent | null {
  return dataQualityWords.test(sentence.lower) ? { name: 'data_quality' } : null;
}

const connectVerb =
  /\b(?:re)?connect\b|\blink\b|\bhook\s+up\b|\bset\s*up\b|\badd\b|\bunganisha\b|\bniunganishe\b|\btuunganishe\b|\bunganishe\b/;

/** connect: "connect my Shopify", "unganisha M-Pesa" — a one-time link to the connect page. */
export function detectConnect(sentence: Sentence): Intent | null {
  const { lower } = sentence;
  if (!connectVerb.test(lower)) return null;
  const known = findKnownSystem(lower);
  if (known) return { name: 'connect', system: known };
  const custom = /\b(?:pos|website|tovuti|own\s+system|custom)\b/.exec(lower);
  return custom ? { name: 'connect', system: 'custom pos' } : null;
}

const catalogueWords =
  /\b(?:what|which)\s+(?:systems|apps|integrations)\s+(?:can|do\s+you|does\s+kiungo|are\s+supported|are\s+available)\b|\bwhat\s+can\s+you\s+connect\b|\bcan\s+you\s+connect\b|\bsupported\s+(?:systems|apps|integrations)\b|\bmifumo\s+gani\b|\bunaweza\s+kuunganisha\b/;

/** list_integrations: the catalogue, optionally narrowed to a named system. */
export function detectCatalogue(sentence: Sentence): Intent | null {
  if (!catalogueWords.test(sentence.lower)) return null;
  const known = findKnownSystem(sentence.lower);
  return known ? { name: 'integrations', search: known } : { name: 'integrations' };
}

const phoneWords = /\bphones?\b|\bphone\s+numbers?\b|\bsimu\b|\bnamba\s+za\s+simu\b/;
const overwriteWords =
  /\bdon'?t\s+overwrite\b|\bdo\s+not\s+overwrite\b|\bnever\s+overwrite\b|\bkeep\s+(?:the\s+|our\s+)?(?:existing\s+)?phone|\busibadilishe\b|\bmsibadilishe\b/;
const mergeWords = /\bmerge\b|\bunganisha\s+wateja\b|\bwateja\s+wenye\b/;
const askFirstWords = /\bask\s+(?:me\s+)?first\b|\bask\s+(?:me\s+)?before\b|\bniulize\b/;
const rulesWords = /\b(?:my|the|sync|dedup)\s+rules\b|\brules\b|\bsheria\b|\bkanuni\b/;

/** rules: turning the business's sync and dedup rules on, or listing them. */
export function detectRules(sentence: Sentence): Intent | null {
  const { lower } = sentence;
  if (overwriteWords.test(lower) && phoneWords.test(lower))
    return { name: 'set_rules', rules: ['keep_existing_phones'] };
  if (
    mergeWords.test(lower) &&
    (phoneWords.test(lower) || /\bemails?\b/.test(lower) || /\bsku\b/.test(lower))
  ) {
    const rules = [
      ...(phoneWords.test(lower) ? ['merge_customers_by_phone'] : []),
      ...(/\bemails?\b/.test(lower) ? ['merge_customers_by_email'] : []),
      ...(/\bsku\b/.test(lower) ? ['merge_products_by_sku'] : []),
      ...(askFirstWords.test(lower) ? ['ask_before_merge'] : []),
    ];
    return { name: 'set_rules', rules };
  }
  return rulesWords.test(lower) ? { name: 'rules' } : null;
}

const streamWords: { stream: string; pattern: RegExp }[] = [
  { stream: 'orders', pattern: /\borders?\b|\boda\b|\bsales\b|\bmauzo\b/ },
  { stream: 'products', pattern: /\bproducts?\b|\bbidhaa\b/ },
  { stream: 'customers', pattern: /\bcustomers?\b|\bwateja\b/ },
  { stream: 'inventory', pattern: /\binventory\b|\bstock\b|\bstoo\b/ },
  { stream: 'payments', pattern: /\bpayments?\b|\bmalipo\b/ },
];

/** The kinds of records a sync request names ("sync my Shopify orders" → orders). */
export function streamsNamed(lower: string): string[] {
  return streamWords.filter(({ pattern }) => pattern.test(lower)).map(({ stream }) => stream);
}

const topProductWords =
  /\b(?:top|best[\s-]?selling|best|most\s+sold|bestsellers?)\s+(?:\S+\s+)?(?:products?|items?|sellers?)\b|\bwhat\s+sells\s+(?:best|most)\b|\bbidhaa\s+(?:zinazouzwa|zilizouzwa)\s+zaidi\b|\bbidhaa\s+bora\b/;

const stockRiskWords =
  /\brestock\b|\bstock\s+risk\b|\brunning\s+(?:low|out)\b|\bout\s+of\s+stock\b|\blow\s+stock\b|\bwhat\s+(?:should|do)\s+i\s+(?:re-?order|restock|buy)\b|\bre-?order\b|\bzinazoisha\b|\bzimeisha\b|\bzinakwisha\b|\bstoo\s+(?:inaisha|imeisha)\b|\bniagize\b|\bniongeze\s+stoo\b/;

/** top_products: what sells best in a period. */
export function detectTopProducts(sentence: Sentence): Intent | null {
  if (!topProductWords.test(sentence.lower)) return null;
  return sentence.located
    ? { name: 'top_products', period: sentence.located.period }
    : { name: 'top_products' };
}

/** stock_risk: what is running out and should be reordered. */
export function detectStockRisk(sentence: Sentence): Intent | null {
  return stockRiskWords.test(sentence.lower) ? { name: 'stock_risk' } : null;
}

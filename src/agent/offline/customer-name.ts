/**
 * Cutting a customer's name (or phone number) out of a sentence, as written: "Mama Joyce" from
 * "how much did Mama Joyce pay this month?", "0712 345 678" from "find customer 0712 345 678".
 * Titles (Mama, Baba, Bi, Bw, Mzee, Dr) stay part of the name; filler and topic words end it.
 */

/** Words that end a name when reading forwards ("from Hassan by M-Pesa" → "Hassan"). */
const nameEnders = new Set(
  `by via through using with kwa ref reference kumbukumbu code on today yesterday tonight leo jana juzi
  this last past previous for as in at cash taslimu keshi card kadi bank benki mpesa m-pesa m airtel tigo
  mixx halopesa halo amount kiasi ya za la please tafadhali pls plz now sasa and na paid pay pays amelipa
  alilipa ametuma alituma amelipia anadaiwa ananidai owe owes owed is was has have had did does since
  tangu wiki mwezi mwaka week month year gani how much ngapi profile details info account history
  statement balance debt deni madeni salio taarifa yet still bado so far the to from kutoka ni iko yuko
  payment payments malipo pesa money shilingi tsh kes ksh sh shs invoice ankara during mwaka until hadi
  between kati`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words skipped at the start of a name ("from customer Hassan", "kutoka kwa Hassan"). */
const leadingFillers = new Set(
  `me the my our customer client mteja kwa about kuhusu for to of a an called named jina la
  details info information profile wasifu taarifa za ya`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words that are never a customer's name, so a "name" containing one is not a name. */
const notNameWords = new Set(
  `i me we us you who nani everyone everybody anyone someone all wote kila customers customer clients
  client wateja mteja sales mauzo payments payment malipo invoices invoice ankara products product
  bidhaa orders order report ripoti data logs log sync it this that them him her yeye mimi sisi wao
  business biashara money pesa debts debt madeni deni stock inventory something anything nothing help
  msaada what nini how which gani my your list orodha top best new latest recent hapa there here
  today yesterday leo jana week month year wiki mwezi mwaka errors error duplicates settings
  connections connection status hali everything yote zote kitu unpaid overdue people watu
  spreadsheet excel file faili summary briefing muhtasari insights dashboard menu account akaunti
  more less most`
    .split(/\s+/)
    .filter(Boolean),
);

const phoneAtStart = /^\+?\d[\d\s-]{6,}\d/;

function cleanToken(token: string): string {
  return token.replace(/^[("'“‘]+|[)"'”’,.;:!?]+$/g, '');
}

/** Strips a possessive ("Joyce's" → "Joyce") and surrounding punctuation. */
function stripPossessive(token: string): string {
  return cleanToken(token).replace(/'s$/i, '');
}

/** Whether a candidate looks like a name or phone number rather than a topic word. */
export function isPlausibleName(name: string): boolean {
  if (!name) return false;
  if (phoneAtStart.test(name) && /^[+\d\s-]+$/.test(name)) return true;
  const words = name.split(/\s+/);
  if (words.length > 5) return false;
  if (!words.some((word) => /\p{L}/u.test(word))) return false;
  return words.every((word) => !notNameWords.has(word.toLowerCase()) && !/\d/.test(word));
}

/**
 * Reads a name forwards from `start` in `text`: skips leading fillers, then takes words until a
 * name-ending word, a number or punctuation. A phone number at the start is returned whole.
 */
export function takeNameAfter(text: string, start: number): string | null {
  let rest = text.slice(start).trimStart();
  const phone = phoneAtStart.exec(rest);
  if (phone) return phone[0].trim();
  const tokens = rest.split(/\s+/).filter(Boolean);
  let position = 0;
  while (position < tokens.length && leadingFillers.has(cleanToken(tokens[position] ?? '').toLowerCase()))
    position++;
  rest = tokens.slice(position).join(' ');
  const afterFillers = phoneAtStart.exec(rest);
  if (afterFillers) return afterFillers[0].trim();
  const words: string[] = [];
  for (const token of tokens.slice(position)) {
    const word = stripPossessive(token);
    const lower = word.toLowerCase();
    if (!word || nameEnders.has(lower) || /\d/.test(word)) break;
    words.push(word);
    if (/[,.;:!?]$|'s$/i.test(token) || words.length === 5) break;
  }
  const name = words.join(' ');
  return isPlausibleName(name) ? name : null;
}

/**
 * Reads a name backwards from `end` (the subject before a verb, as in "Mama Joyce amelipa ..."):
 * takes words until a name-ending or filler word, a number or punctuation.
 */
export function takeNameBefore(text: string, end: number, skipAtStart: Set<string>): string | null {
  const before = text.slice(0, end).trimEnd();
  const phone = /\+?\d[\d\s-]{6,}\d$/.exec(before);
  if (phone && /^[+\d\s-]+$/.test(phone[0])) return phone[0].trim();
  const tokens = before.split(/\s+/).filter(Boolean);
  const words: string[] = [];
  for (let position = tokens.length - 1; position >= 0; position--) {
    const token = tokens[position] ?? '';
    const word = stripPossessive(token);
    const lower = word.toLowerCase();
    if (!word || nameEnders.has(lower) || skipAtStart.has(lower) || /\d/.test(word)) break;
    if (words.length > 0 && /[,.;:!?]$/.test(token)) break;
    words.unshift(word);
    if (words.length === 5) break;
  }
  const name = words.join(' ');
  return isPlausibleName(name) ? name : null;
}

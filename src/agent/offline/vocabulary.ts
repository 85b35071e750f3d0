/**
 * Word lists shared by the offline intent parser: language hints, payment methods, connected systems,
 * and the short replies that confirm, cancel or greet.
 */
import type { PaymentMethodWord } from './intents.ts';

/** Common Swahili words (function words and the business vocabulary owners use with Kiungo). */
export const swahiliWords = new Set(
  `chukua hatua vikumbusho tuma unganisha niunganishe tuunganishe sheria zangu kanuni usibadilishe nani ananidai wananidai wanaonidai anayenidai anadaiwa wanadaiwa wanaodaiwa madeni deni wadeni wadaiwa
  nionyeshe nioneshe onyesha niambie nieleze kuhusu leo jana juzi wiki mwezi mwaka siku amelipa alilipa
  wamelipa walilipa amenilipa alinilipa ametuma alituma malipo mauzo mapato kiasi gani ngapi ya wa za la
  kwa na hii huu hizi iliyopita uliopita zilizopita habari mambo asante tafadhali rekodi andika sajili
  pokea nimepokea tumepokea pesa elfu laki milioni mia moja mbili tatu nne tano sita saba nane tisa kumi
  ishirini thelathini arobaini hamsini sitini sabini themanini tisini shilingi mteja wateja biashara
  inaendaje ikoje nataka kuingiza ingiza kupakia pakia kutoka sawazisha usawazishaji kumbukumbu mifumo
  iliyounganishwa imeunganishwa miunganisho hali muhtasari msaada nisaidie unaweza kufanya nini ndiyo
  ndio hapana sawa acha achana jambo hujambo sijambo shikamoo salama nimeuza tumeuza niliuza tuliuza
  bidhaa ankara matumizi gharama stoo ubora waliorudiwa zilizorudiwa marudio taslimu keshi kadi benki
  zaidi je ni kwenye cha vya sasa mimi yangu wangu zangu ushauri mapendekezo nifanye hawajalipa hajalipa
  ambao ambazo hazijalipwa zimechelewa zilizochelewa wamechelewa orodha asubuhi mchana jioni usiku yako
  vipi poa safi karibu sana ghairi sitaki usifanye endelea thibitisha kubali haya naam tena upya zote
  yote kila kitu namba simu bila safisha salaam salamu imeshindwa ilishindwa makosa kilitokea kilichotokea`
    .split(/\s+/)
    .filter(Boolean),
);

/** Common English words, so that a mixed sentence can be weighed both ways. */
export const englishWords = new Set(
  `add connect reconnect rules merge overwrite who owes owe owing me my i we our the a an is are was were how much many did does do what show tell
  about this last month week year today yesterday from by via paid pay payment payments record received
  got sales sell sold revenue sync syncing logs log errors help can you in of for to and with any hi
  hello hey good morning afternoon evening yes no ok okay cancel stop customer customers find search
  status connection connections connected import upload data quality duplicates insights business
  briefing daily summary should everything which systems money debts overdue unpaid invoices hasn't
  has have not please cash card bank profile when why fail failed happened night it give run full all
  update spreadsheet clean without phone confirm sure go ahead thanks thank there`
    .split(/\s+/)
    .filter(Boolean),
);

/** Payment method words, most specific first ("tigo pesa" before "pesa"-free "tigo"). */
export const paymentMethodPatterns: { method: PaymentMethodWord; pattern: RegExp }[] = [
  { method: 'mpesa', pattern: /\bm[\s-]?pesa\b/ },
  { method: 'airtel_money', pattern: /\bairtel(?:\s*money)?\b/ },
  { method: 'tigo_pesa', pattern: /\btigo(?:\s*pesa)?\b|\bmixx\b/ },
  { method: 'halopesa', pattern: /\bhalo\s*pesa\b/ },
  { method: 'cash', pattern: /\bcash\b|\btaslimu\b|\bkeshi\b|\bkash\b/ },
  { method: 'card', pattern: /\bcard\b|\bkadi\b|\bvisa\b|\bmastercard\b/ },
  { method: 'bank', pattern: /\bbank\b|\bbenki\b|\bbank\s+transfer\b/ },
];

/** Systems Kiungo can sync with, as the names owners type them. */
export const knownSystems: { system: string; pattern: RegExp }[] = [
  { system: 'shopify', pattern: /\bshopify\b/ },
  { system: 'woocommerce', pattern: /\bwoo\s?commerce\b|\bwoo\b/ },
  { system: 'mpesa', pattern: /\bm[\s-]?pesa\b/ },
  { system: 'quickbooks', pattern: /\bquick\s?books\b/ },
  { system: 'xero', pattern: /\bxero\b/ },
  { system: 'zoho', pattern: /\bzoho(?:\s?books)?\b/ },
  { system: 'odoo', pattern: /\bodoo\b/ },
  { system: 'lightspeed', pattern: /\blight\s?speed\b/ },
  { system: 'stripe', pattern: /\bstripe\b/ },
  { system: 'paypal', pattern: /\bpay\s?pal\b/ },
  { system: 'flutterwave', pattern: /\bflutter\s?wave\b/ },
  { system: 'airtel_money', pattern: /\bairtel(?:\s*money)?\b/ },
  { system: 'tigo_pesa', pattern: /\btigo(?:\s*pesa)?\b|\bmixx\b/ },
  { system: 'salesforce', pattern: /\bsales\s?force\b/ },
  { system: 'google_sheets', pattern: /\bgoogle\s?sheets?\b/ },
];

/** The first known system named in a (lowercase) sentence. */
export function findKnownSystem(lower: string): string | undefined {
  let best: { system: string; index: number } | undefined;
  for (const { system, pattern } of knownSystems) {
    const index = lower.search(pattern);
    if (index >= 0 && (!best || index < best.index)) best = { system, index };
  }
  return best?.system;
}

/** Whether the (lowercase) text begins with the name of a known system. */
export function startsWithKnownSystem(lower: string): boolean {
  return knownSystems.some(({ pattern }) => pattern.exec(lower)?.index === 0);
}

/** Whole replies that say yes to a pending action. */
export const confirmPhrases = new Set([
  'yes',
  'y',
  'yeah',
  'yea',
  'yep',
  'yup',
  'sure',
  'ok',
  'okay',
  'okey',
  'k',
  'sawa',
  'ndiyo',
  'ndio',
  'naam',
  'haya',
  'confirm',
  'confirmed',
  'i confirm',
  'go ahead',
  'go on',
  'proceed',
  'do it',
  'ok do it',
  'yes do it',
  'just do it',
  'endelea',
  'thibitisha',
  'nathibitisha',
  'kubali',
  'nakubali',
  'fanya',
  'fanya hivyo',
  'sawa fanya',
  'correct',
  'thats right',
  'that is right',
  'sahihi',
  'ni sahihi',
  'approve',
  'approved',
  'alright',
  'all right',
]);

/** Single words that may be repeated or combined into a yes ("ok sawa", "yes yes"). */
export const confirmWords = new Set([
  'yes',
  'yeah',
  'yep',
  'ok',
  'okay',
  'sawa',
  'ndiyo',
  'ndio',
  'sure',
  'haya',
]);

/** Whole replies that say no to a pending action. */
export const cancelPhrases = new Set([
  'no',
  'n',
  'nope',
  'nah',
  'hapana',
  'la',
  'cancel',
  'cancel it',
  'cancel that',
  'cancel this',
  'acha',
  'acha tu',
  'achana nayo',
  'achana na hiyo',
  'stop',
  'stop it',
  'sitaki',
  'usifanye',
  'dont',
  'dont do it',
  'do not',
  'do not do it',
  'never mind',
  'nevermind',
  'forget it',
  'no thanks',
  'no thank you',
  'hapana asante',
  'ghairi',
  'sitisha',
  'abort',
  'not now',
  'si sasa',
  'no dont',
  'no stop',
  'hapana acha',
]);

/** Words that only greet or thank. A message made of these alone is a greeting. */
export const greetingWords = new Set(
  `hi hello hey hallo helo hujambo jambo habari mambo salaam salam salamu shikamoo niaje vipi sasa
  morning afternoon evening good asante thanks thank shukrani shukran karibu`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words that may follow a greeting ("habari za asubuhi", "hi there", "mambo vipi boss"). */
export const greetingFillers = new Set(
  `za ya yako zako there you everyone all kiungo boss bro friend rafiki dada kaka again tena leo asubuhi
  mchana jioni gani poa safi sana very much so a lot to vipi sasa na wewe how are doing`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * The words of a daily briefing in English and Swahili. Deterministic: the same facts give the same
 * text on every runtime (weekday and month names are spelled here rather than taken from Intl, whose
 * Swahili data differs between ICU builds).
 */
import type { ReplyPart } from '../agent/reply-parts.ts';
import { formatMoney, minorDigits } from '../core/money.ts';
import type { BriefingFacts, SalesFact, StockFact } from './briefing-facts.ts';
import type { ChartPart } from './charts.ts';

export type BriefingLanguage = 'en' | 'sw';

/** Failed systems named one by one before "and N more". */
const listedSystems = 3;

const weekdays = {
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  sw: ['Jumapili', 'Jumatatu', 'Jumanne', 'Jumatano', 'Alhamisi', 'Ijumaa', 'Jumamosi'],
} as const;

const months = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  sw: ['Jan', 'Feb', 'Mac', 'Apr', 'Mei', 'Jun', 'Jul', 'Ago', 'Sep', 'Okt', 'Nov', 'Des'],
} as const;

/** "22 Nov" / "22 Nov" (sw: "22 Des" for December). */
export function shortDate(day: string, language: BriefingLanguage): string {
  const month = Number(day.slice(5, 7)) - 1;
  return `${Number(day.slice(8, 10))} ${months[language][month] ?? ''}`;
}

export function weekdayName(weekday: number, language: BriefingLanguage): string {
  return weekdays[language][weekday] ?? '';
}

/** The first word of a member's name, for the greeting; names are data, kept short. */
function firstName(name: string): string {
  return shorten(name.trim().split(/\s+/)[0] ?? '', 30);
}

function shorten(text: string, most: number): string {
  const characters = [...text.replace(/\s+/g, ' ').trim()];
  return characters.length <= most ? characters.join('') : `${characters.slice(0, most - 1).join('')}…`;
}

function percent(change: number): number {
  return Math.round(Math.abs(change) * 100);
}

function count(
  language: BriefingLanguage,
  value: number,
  en: [string, string],
  sw: [string, string],
): string {
  const [one, many] = language === 'en' ? en : sw;
  const word = value === 1 ? one : many;
  // Swahili puts the number after the noun ("malipo 8"), English before it ("8 payments").
  return language === 'en' ? `${value} ${word}` : `${word} ${value}`;
}

function joinList(items: string[], more: number, language: BriefingLanguage): string {
  const and = language === 'en' ? 'and' : 'na';
  const moreText = language === 'en' ? `${more} more` : `${more} zaidi`;
  const all = more > 0 ? [...items, moreText] : items;
  if (all.length <= 1) return all.join('');
  return `${all.slice(0, -1).join(', ')} ${and} ${all[all.length - 1]}`;
}

export function salesLine(
  fact: SalesFact,
  weekday: number,
  language: BriefingLanguage,
  threshold: number,
): string {
  const day = weekdayName(weekday, language);
  const sold = formatMoney(fact.yesterday, fact.currency);
  const usual = fact.baseline === null ? '' : formatMoney(fact.baseline, fact.currency);
  const en = language === 'en';
  if (fact.baseline === null) return en ? `• Sales ${sold}.` : `• Mauzo ${sold}.`;
  if (fact.baseline === 0)
    return en
      ? `• Sales ${sold}: the last ${fact.weeks.length} ${day}s had none.`
      : `• Mauzo ${sold}: ${day} ${fact.weeks.length} zilizopita hazikuwa na mauzo.`;
  if (fact.yesterday === 0)
    return en
      ? `• No sales recorded; a usual ${day} brings ${usual}.`
      : `• Hakuna mauzo yaliyorekodiwa; ${day} ya kawaida huleta ${usual}.`;
  const change = fact.change ?? 0;
  if (Math.abs(change) <= threshold)
    return en ? `• Sales ${sold}, about a usual ${day}.` : `• Mauzo ${sold}, kama ${day} ya kawaida.`;
  const up = change > 0;
  return en
    ? `• Sales ${sold}: ${percent(change)}% ${up ? 'above' : 'below'} a usual ${day} (${usual}).`
    : `• Mauzo ${sold}: ${percent(change)}% ${up ? 'juu ya' : 'chini ya'} ${day} ya kawaida (${usual}).`;
}

function receivedLine(facts: BriefingFacts, language: BriefingLanguage): string | null {
  if (facts.received.length === 0) return null;
  const parts = facts.received
    .slice(0, 2)
    .map(
      (row) =>
        `${formatMoney(row.total, row.currency)} (${count(language, row.payments, ['payment', 'payments'], ['malipo', 'malipo'])})`,
    );
  return language === 'en'
    ? `• Received ${parts.join('; ')}.`
    : `• Malipo yaliyopokelewa: ${parts.join('; ')}.`;
}

function overdueLines(facts: BriefingFacts, language: BriefingLanguage): string[] {
  const fresh = facts.newlyOverdue;
  if (fresh.count === 0) return [];
  const amount = fresh.byCurrency.map((row) => formatMoney(row.total, row.currency)).join(' + ');
  const named = fresh.largest.map(
    (invoice) =>
      `${shorten(invoice.customer ?? (language === 'en' ? `invoice ${invoice.number}` : `ankara ${invoice.number}`), 40)} ${formatMoney(invoice.balance, invoice.currency)}`,
  );
  const list = joinList(named, fresh.count - named.length, language);
  const lines = [
    language === 'en'
      ? `• ${count(language, fresh.count, ['invoice', 'invoices'], ['', ''])} fell overdue (${amount}): ${list}.`
      : `• ${count(language, fresh.count, ['', ''], ['Ankara', 'Ankara'])} ${fresh.count === 1 ? 'imepitiliza' : 'zimepitiliza'} muda wa kulipwa (${amount}): ${list}.`,
  ];
  const totals = facts.overdue.filter((row) => row.overdue > 0).slice(0, 2);
  if (totals.length > 0) {
    const all = totals
      .map((row) =>
        language === 'en'
          ? `${formatMoney(row.overdue, row.currency)} from ${count(language, row.customers, ['customer', 'customers'], ['', ''])}`
          : `${formatMoney(row.overdue, row.currency)} kwa ${count(language, row.customers, ['', ''], ['mteja', 'wateja'])}`,
      )
      .join('; ');
    lines.push(language === 'en' ? `• Overdue in all: ${all}.` : `• Madeni yote yaliyochelewa: ${all}.`);
  }
  return lines;
}

function stockItem(row: StockFact, language: BriefingLanguage): string {
  const name = shorten(row.name, 40);
  if (row.status === 'out_of_stock') return `${name} (${language === 'en' ? 'out of stock' : 'imeisha'})`;
  const left = language === 'en' ? `${row.stock} left` : `zimebaki ${row.stock}`;
  if (row.daysOfCover === null) return `${name} (${left})`;
  const days = Math.floor(row.daysOfCover);
  const cover =
    days < 1
      ? language === 'en'
        ? 'under a day'
        : 'chini ya siku moja'
      : count(language, days, ['day', 'days'], ['siku', 'siku']);
  return `${name} (${left}, ${cover})`;
}

function stockLine(facts: BriefingFacts, language: BriefingLanguage): string | null {
  if (facts.stock.count === 0) return null;
  const items = facts.stock.rows.map((row) => stockItem(row, language));
  const list = joinList(items, facts.stock.count - items.length, language);
  return language === 'en' ? `• Restock soon: ${list}.` : `• Agiza upya karibuni: ${list}.`;
}

function syncLine(facts: BriefingFacts, language: BriefingLanguage): string | null {
  const failures = facts.syncFailures;
  const first = failures[0];
  if (!first) return null;
  const times = (value: number) =>
    language === 'en' ? (value === 1 ? 'once' : `${value} times`) : `mara ${value}`;
  const fix =
    language === 'en'
      ? 'Ask me for the sync logs to fix it.'
      : 'Niulize kumbukumbu za usawazishaji ili kurekebisha.';
  if (failures.length === 1) {
    const reason = first.lastError ? `: ${shorten(first.lastError, 90)}` : '';
    return language === 'en'
      ? `• ${shorten(first.connection, 40)} sync failed ${times(first.failures)}${reason}. ${fix}`
      : `• Usawazishaji wa ${shorten(first.connection, 40)} umeshindwa ${times(first.failures)}${reason}. ${fix}`;
  }
  const list = joinList(
    failures.slice(0, listedSystems).map((row) => `${shorten(row.connection, 30)} (${times(row.failures)})`),
    failures.length - Math.min(failures.length, listedSystems),
    language,
  );
  return language === 'en' ? `• Syncs failed: ${list}. ${fix}` : `• Usawazishaji umeshindwa: ${list}. ${fix}`;
}

export interface BriefingWords {
  text: string;
  parts: ReplyPart[];
}

/**
 * The briefing's text (a heading and at most 7 lines) and its chart: revenue over the last days when
 * sales moved, otherwise debts by age when invoices fell overdue.
 */
export function briefingWords(
  facts: BriefingFacts,
  options: {
    language: BriefingLanguage;
    memberName: string;
    salesMoved: boolean;
    threshold: number;
  },
): BriefingWords {
  const { language } = options;
  const yesterday = `${weekdayName(facts.weekday, language)} ${shortDate(facts.yesterday, language)}`;
  const name = firstName(options.memberName);
  const heading =
    language === 'en'
      ? `Good morning${name ? `, ${name}` : ''}. Yesterday, ${yesterday}:`
      : `Habari za asubuhi${name ? `, ${name}` : ''}. Jana, ${yesterday}:`;
  const lines = [
    heading,
    ...facts.sales.slice(0, 2).map((fact) => salesLine(fact, facts.weekday, language, options.threshold)),
    receivedLine(facts, language),
    ...overdueLines(facts, language),
    stockLine(facts, language),
    syncLine(facts, language),
  ].filter((line): line is string => line !== null);
  const parts: ReplyPart[] = [];
  if (options.salesMoved && facts.trend) parts.push(trendChart(facts, language));
  else if (facts.newlyOverdue.count > 0) {
    const chart = ageingChart(facts, language);
    if (chart) parts.push(chart);
  }
  return { text: lines.join('\n'), parts };
}

/** Major units for a chart axis (the chart's numbers are for drawing; the display strings are exact). */
function major(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}

function trendChart(facts: BriefingFacts, language: BriefingLanguage): ChartPart {
  const trend = facts.trend;
  const currency = trend?.currency ?? '';
  const chart: ChartPart = {
    type: 'chart',
    kind: 'line',
    title:
      language === 'en'
        ? `Sales, last ${trend?.days.length ?? 0} days (${currency})`
        : `Mauzo, siku ${trend?.days.length ?? 0} zilizopita (${currency})`,
    bars: (trend?.days ?? []).map((point) => ({
      label: shortDate(point.day, language),
      value: major(point.total, currency),
      display: formatMoney(point.total, currency),
    })),
  };
  return chart;
}

function ageingChart(facts: BriefingFacts, language: BriefingLanguage): ChartPart | null {
  const total = facts.overdue.find((row) => row.overdue > 0);
  if (!total) return null;
  const labels =
    language === 'en'
      ? {
          current: 'Not yet due',
          '1_30': '1–30 days',
          '31_60': '31–60 days',
          '61_90': '61–90 days',
          '90_plus': 'Over 90 days',
        }
      : {
          current: 'Bado hazijafika',
          '1_30': 'Siku 1–30',
          '31_60': 'Siku 31–60',
          '61_90': 'Siku 61–90',
          '90_plus': 'Zaidi ya siku 90',
        };
  const keys = ['current', '1_30', '31_60', '61_90', '90_plus'] as const;
  const chart: ChartPart = {
    type: 'chart',
    kind: 'bar',
    title:
      language === 'en'
        ? `Money owed by how late it is (${total.currency})`
        : `Madeni kwa muda wa kuchelewa (${total.currency})`,
    bars: keys.map((key) => ({
      label: labels[key],
      value: major(total.buckets[key], total.currency),
      display: formatMoney(total.buckets[key], total.currency),
    })),
  };
  return chart;
}

/** Why nothing was sent, in the member's language. */
export function skipText(facts: BriefingFacts, language: BriefingLanguage, thresholdPercent: number): string {
  const yesterday = `${weekdayName(facts.weekday, language)} ${shortDate(facts.yesterday, language)}`;
  return language === 'en'
    ? `No briefing for ${yesterday}: sales did not move more than ${thresholdPercent}% from a usual ${weekdayName(facts.weekday, language)}, no invoice fell overdue, no stock is running out and no sync failed.`
    : `Hakuna muhtasari wa ${yesterday}: mauzo hayakubadilika zaidi ya ${thresholdPercent}% kutoka ${weekdayName(facts.weekday, language)} ya kawaida, hakuna ankara iliyopitiliza muda, hakuna bidhaa inayoisha na hakuna usawazishaji ulioshindwa.`;
}

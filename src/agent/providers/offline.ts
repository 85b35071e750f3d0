/**
 * The offline brain: a provider with no model and no network. It reads the person's message with the
 * deterministic intent parser (English, Swahili, mixed), asks for the same tools a model would, and
 * then answers from the tools' own human-shaped texts. It never guesses a write: a payment is only
 * requested when both the customer and the amount were said, and it still waits for confirmation.
 */

import type { ContentBlock, ModelMessage, ModelProvider, ModelRequest, ModelResponse } from '../model.ts';
import { emptyUsage } from '../model.ts';
import { type Intent, parseUtterance } from '../offline/intents.ts';

type Language = 'en' | 'sw';

interface ToolCall {
  name: string;
  input: Record<string, unknown>;
}

const say = (language: Language, en: string, sw: string) => (language === 'sw' ? sw : en);

/** What to call for an intent, or the words to answer with when no tool is needed. */
export function planFor(intent: Intent, language: Language): { calls: ToolCall[] } | { reply: string } {
  switch (intent.name) {
    case 'receivables':
      return {
        calls: [
          {
            name: 'who_owes_me',
            input: {
              only_overdue: intent.onlyOverdue,
              ...(intent.minDaysOverdue !== undefined ? { min_days_overdue: intent.minDaysOverdue } : {}),
              limit: 10,
            },
          },
        ],
      };
    case 'customer_lookup':
      return { calls: [{ name: 'customer_profile', input: { customer: intent.customer } }] };
    case 'payments_received':
      return {
        calls: [
          {
            name: 'sales_summary',
            input: {
              from: intent.period.from,
              to: intent.period.to,
              ...(intent.customer ? { customer: intent.customer } : {}),
            },
          },
        ],
      };
    case 'sales_summary':
      return {
        calls: [{ name: 'sales_summary', input: { from: intent.period.from, to: intent.period.to } }],
      };
    case 'record_payment':
      return {
        calls: [
          {
            name: 'record_payment',
            input: {
              customer: intent.customer,
              amount: intent.amount,
              ...(intent.method ? { method: intent.method } : {}),
              ...(intent.reference ? { reference: intent.reference } : {}),
            },
          },
        ],
      };
    case 'sync':
      if (intent.system === 'all') return { calls: [{ name: 'connection_status', input: {} }] };
      return {
        calls: [
          {
            name: 'run_sync',
            input: {
              system: intent.system,
              mode: intent.full ? 'full' : 'incremental',
              ...(intent.streams ? { streams: intent.streams } : {}),
            },
          },
        ],
      };
    case 'connect':
      return { calls: [{ name: 'connect_integration', input: { system: intent.system } }] };
    case 'integrations':
      return {
        calls: [{ name: 'list_integrations', input: intent.search ? { search: intent.search } : {} }],
      };
    case 'rules':
      return { calls: [{ name: 'get_rules', input: {} }] };
    case 'set_rules':
      return { calls: intent.rules.map((rule) => ({ name: 'set_rule', input: { rule, enabled: true } })) };
    case 'connection_status':
      return { calls: [{ name: 'connection_status', input: {} }] };
    case 'sync_logs':
      return {
        calls: [
          { name: 'sync_logs', input: { ...(intent.system ? { system: intent.system } : {}), limit: 10 } },
        ],
      };
    case 'briefing':
      return { calls: [{ name: 'daily_briefing', input: {} }] };
    case 'reminders':
      return { calls: [{ name: 'send_reminders', input: {} }] };
    case 'insights':
      return { calls: [{ name: 'insights', input: {} }] };
    case 'take_action':
      return { calls: [{ name: 'take_action', input: { recommendation: intent.recommendation } }] };
    case 'import_help':
      return {
        reply: say(
          language,
          `To import ${intent.entity ?? 'your data'}: send me the file here (CSV or Excel; 📎 in the web chat, or drag it onto the page), or paste the table. I show a preview first — the columns I matched, problems by row, duplicates — and import only when you confirm. From a computer: npx kiungo import ${intent.entity ?? 'customers'} file.xlsx --dry-run.`,
          `Kuingiza ${intent.entity ?? 'data yako'}: nitumie faili hapa (CSV au Excel; 📎 kwenye ukurasa, au liburute hadi kwenye ukurasa), au bandika jedwali. Nitakuonyesha kwanza safu nilizolinganisha, matatizo kwa kila mstari na marudio — na nitaingiza tu ukithibitisha.`,
        ),
      };
    case 'data_quality':
      return { calls: [{ name: 'data_quality', input: {} }] };
    case 'top_products':
      return {
        calls: [
          {
            name: 'top_products',
            input: intent.period ? { from: intent.period.from, to: intent.period.to } : {},
          },
        ],
      };
    case 'stock_risk':
      return { calls: [{ name: 'stock_risk', input: {} }] };
    case 'greeting':
      return {
        reply: say(
          language,
          'Hello! How can I help with your business today?',
          'Habari! Nikusaidie nini leo kuhusu biashara yako?',
        ),
      };
    case 'confirm':
    case 'cancel':
      return {
        reply: say(
          language,
          'There is nothing waiting for your confirmation.',
          'Hakuna kitu kinachosubiri uthibitisho wako.',
        ),
      };
    case 'help':
    case 'unknown':
      return { reply: helpText(language, intent.name === 'unknown') };
  }
}

function helpText(language: Language, didNotUnderstand: boolean): string {
  const lead = didNotUnderstand
    ? say(
        language,
        "I didn't understand that. Here is what I can do:",
        'Sijaelewa. Hivi ndivyo ninavyoweza kusaidia:',
      )
    : say(language, 'Here is what I can do:', 'Hivi ndivyo ninavyoweza kusaidia:');
  const lines =
    language === 'sw'
      ? [
          '• "Nani ananidai?" — madeni na umri wake',
          '• "Nionyeshe Mama Joyce" — taarifa za mteja',
          '• "Mauzo ya leo" / "malipo ya wiki hii"',
          '• "Hassan amelipa elfu hamsini kwa M-Pesa" — kurekodi malipo (baada ya kuthibitisha)',
          '• "Hali ya miunganisho" — mifumo iliyounganishwa',
          '• "Unganisha Shopify" / "sawazisha oda za Shopify"',
        ]
      : [
          '• "Who owes me?" — debts and how late they are',
          '• "Show me Mama Joyce" — a customer’s profile',
          '• "Sales this month" / "payments received today"',
          '• "Record 50,000 from Hassan by M-Pesa" — after you confirm',
          '• "Is everything syncing?" — connected systems',
          '• "Connect my Shopify" / "sync my Shopify orders"',
        ];
  return [
    lead,
    ...lines,
    say(
      language,
      'I can do more with a model key (ANTHROPIC_API_KEY).',
      'Naweza kufanya zaidi nikiwekewa ufunguo wa modeli (ANTHROPIC_API_KEY).',
    ),
  ].join('\n');
}

function leadFor(intent: Intent, language: Language): string {
  switch (intent.name) {
    case 'receivables':
      return say(language, 'Here is who owes you:', 'Hawa ndio wanaokudai:');
    case 'payments_received':
      return say(language, 'Payments received:', 'Malipo yaliyopokelewa:');
    case 'sales_summary':
      return say(language, 'Your sales:', 'Mauzo yako:');
    case 'insights':
    case 'briefing':
      return say(language, 'How business is going this month:', 'Biashara inavyoendelea mwezi huu:');
    case 'sync':
      return intent.system === 'all'
        ? say(language, 'Your connected systems:', 'Mifumo iliyounganishwa:')
        : '';
    case 'rules':
      return say(language, 'Your rules:', 'Sheria zako:');
    default:
      return '';
  }
}

/**
 * A correction to the latest import preview, in one sentence: "Simu is the phone column",
 * "Namba is the phone number column", "Bei ni safu ya price".
 */
export function mappingCorrection(text: string): { column: string; field: string } | null {
  const match = text
    .trim()
    .match(
      /^["“']?(.+?)["”']?\s+(?:is|are|ni)\s+(?:the\s+|a\s+)?(?:(?:column|safu)\s+(?:ya\s+|of\s+|for\s+)?)?(.+?)(?:\s+(?:column|colum|safu))?\s*[.!]?$/i,
    );
  if (!match?.[1] || !match[2] || !/\b(column|colum|safu)\b/i.test(text)) return null;
  return { column: match[1].trim(), field: match[2].trim() };
}

function lastUserText(messages: readonly ModelMessage[]): string {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    const text =
      message?.role === 'user' ? message.content.find((block) => block.type === 'text') : undefined;
    if (text?.type === 'text') return text.text;
  }
  return '';
}

/** Builds the answer from tool results: each result's own text, errors in plain words. */
function answerFrom(
  results: Extract<ContentBlock, { type: 'tool_result' }>[],
  intent: Intent,
  language: Language,
): string {
  const pieces = results.map((result) => {
    try {
      const parsed = JSON.parse(result.content) as {
        status: string;
        text?: string;
        summary?: string;
        error?: { message: string; details?: { candidates?: { name: string }[] } };
      };
      if (parsed.status === 'error') {
        const candidates = parsed.error?.details?.candidates?.map((candidate) => candidate.name);
        return candidates?.length
          ? `${parsed.error?.message}: ${candidates.join(', ')}`
          : say(
              language,
              `I could not do that: ${parsed.error?.message ?? 'unknown error'}`,
              `Sikuweza: ${parsed.error?.message ?? 'hitilafu'}`,
            );
      }
      if (parsed.status === 'pending_confirmation') {
        const summary = (parsed.text ?? '').split('\n')[0] ?? '';
        return `${summary}\n${say(language, 'Confirm to go ahead, or cancel.', 'Thibitisha ili niendelee, au ghairi.')}`;
      }
      // Details shown as parts (tables, charts) are not repeated in the words.
      return parsed.summary ?? parsed.text ?? '';
    } catch {
      return result.content;
    }
  });
  const lead = leadFor(intent, language);
  const okCount = results.filter((result) => !result.isError).length;
  return [okCount > 0 && lead ? lead : '', ...pieces].filter(Boolean).join('\n\n');
}

export function offlineProvider(): ModelProvider {
  return {
    kind: 'offline',
    model: 'offline',
    async complete(request: ModelRequest): Promise<ModelResponse> {
      const text = lastUserText(request.messages);
      const parsed = parseUtterance(text, request.today);
      const correction = mappingCorrection(text);
      const { intent, language } = correction
        ? { intent: { name: 'import_help' } as Intent, language: parsed.language }
        : parsed;
      const last = request.messages[request.messages.length - 1];
      const results = (last?.role === 'user' ? last.content : []).filter(
        (block): block is Extract<ContentBlock, { type: 'tool_result' }> => block.type === 'tool_result',
      );
      let reply: string;
      if (results.length > 0) {
        reply = answerFrom(results, intent, language);
      } else {
        const plan = correction
          ? {
              calls: [
                { name: 'import_preview', input: { mapping: { [correction.column]: correction.field } } },
              ],
            }
          : planFor(intent, language);
        if ('calls' in plan) {
          const known = new Set(request.tools.map((tool) => tool.name));
          const calls = plan.calls.filter((call) => known.has(call.name));
          if (calls.length > 0) {
            return {
              content: calls.map((call, index) => ({
                type: 'tool_use',
                id: `offline_${index + 1}`,
                name: call.name,
                input: call.input,
              })),
              stopReason: 'tool_use',
              usage: emptyUsage(),
            };
          }
          reply = say(language, 'You are not allowed to do that here.', 'Huruhusiwi kufanya hivyo hapa.');
        } else {
          reply = plan.reply;
        }
      }
      request.onText?.(reply);
      return { content: [{ type: 'text', text: reply }], stopReason: 'end_turn', usage: emptyUsage() };
    },
  };
}

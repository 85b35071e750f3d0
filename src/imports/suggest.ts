/**
 * The last step of the mapping waterfall, used only when a model key is set: columns nothing else
 * matched are shown to the model as their header and at most five *masked* sample values (letters
 * become a/A, digits 9, so no customer's data leaves), and it may name a canonical field for each.
 */
import Anthropic from '@anthropic-ai/sdk';
import type { FieldSpec, ImportEntity } from './types.ts';

export interface ColumnSuggester {
  suggest(
    entity: ImportEntity,
    fields: readonly FieldSpec[],
    columns: { header: string; samples: string[] }[],
  ): Promise<Record<string, string | null>>;
}

/** Keeps the shape of a value, not its content: "asha@example.com" → "aaaa@aaaaaaa.aaa". */
export function maskValue(value: string): string {
  return value
    .slice(0, 40)
    .replace(/\p{Lu}/gu, 'A')
    .replace(/\p{Ll}/gu, 'a')
    .replace(/\p{Nd}/gu, '9');
}

export function anthropicColumnSuggester(options: {
  apiKey: string;
  baseURL?: string;
  model?: string;
}): ColumnSuggester {
  const client = new Anthropic({
    apiKey: options.apiKey,
    authToken: null,
    baseURL: options.baseURL ?? 'https://api.anthropic.com',
    maxRetries: 2,
    timeout: 30_000,
  });
  return {
    async suggest(entity, fields, columns) {
      const names = fields.map((field) => field.name);
      const message = await client.messages.create({
        model: options.model ?? 'claude-sonnet-4-5',
        max_tokens: 512,
        system:
          'You map spreadsheet columns to fields. Sample values are masked: letters are a/A, digits are 9; judge by shape. Answer with the tool only. Use null when no field fits.',
        tools: [
          {
            name: 'map_columns',
            description: 'The field for each column, or null.',
            input_schema: {
              type: 'object',
              properties: {
                mappings: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      column: { type: 'string' },
                      field: { type: ['string', 'null'], enum: [...names, null] },
                    },
                    required: ['column', 'field'],
                  },
                },
              },
              required: ['mappings'],
            },
          },
        ],
        tool_choice: { type: 'tool', name: 'map_columns' },
        messages: [
          {
            role: 'user',
            content: `Entity: ${entity}. Fields: ${names.join(', ')}.\nColumns:\n${columns
              .map(
                (column) =>
                  `- "${column.header}": ${
                    column.samples
                      .slice(0, 5)
                      .map(maskValue)
                      .map((sample) => JSON.stringify(sample))
                      .join(', ') || '(empty)'
                  }`,
              )
              .join('\n')}`,
          },
        ],
      });
      const use = message.content.find((block) => block.type === 'tool_use');
      const mappings =
        (
          (use?.type === 'tool_use' ? use.input : {}) as {
            mappings?: { column: string; field: string | null }[];
          }
        ).mappings ?? [];
      return Object.fromEntries(
        mappings
          .filter((entry) => entry.field === null || names.includes(entry.field))
          .map((entry) => [entry.column, entry.field]),
      );
    },
  };
}

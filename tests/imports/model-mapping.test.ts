/** The model as the last step of the mapping waterfall, against a loopback Messages API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../src/imports/preview.ts';
import { bytesSource } from '../../src/imports/source.ts';
import { anthropicColumnSuggester, maskValue } from '../../src/imports/suggest.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { startFakeAnthropic } from '../support/vendors/anthropic.ts';

let harness: Harness;
let fake: Awaited<ReturnType<typeof startFakeAnthropic>>;

beforeAll(async () => {
  harness = await createHarness({ demo: true });
  fake = await startFakeAnthropic([
    {
      content: [
        {
          type: 'tool_use',
          id: 'toolu_map',
          name: 'map_columns',
          input: {
            mappings: [
              { column: 'Mawasiliano ya mteja', field: 'phone' },
              { column: 'Zzz', field: null },
            ],
          },
        },
      ],
    },
  ]);
});
afterAll(async () => {
  await fake.close();
  await harness.close();
});

describe('model-assisted column mapping', () => {
  it('masks sample values to their shape', () => {
    expect(maskValue('asha@example.com')).toBe('aaaa@aaaaaaa.aaa');
    expect(maskValue('+255 713 000 111')).toBe('+999 999 999 999');
    expect(maskValue('Mama Joyce')).toBe('Aaaa Aaaaa');
  });

  it('maps what nothing else matched, and never sends the real values', async () => {
    const deps = {
      ...harness.deps,
      columnSuggester: anthropicColumnSuggester({ apiKey: 'sk-ant-test', baseURL: fake.url }),
    };
    const source = bytesSource(
      'wateja.csv',
      new TextEncoder().encode(
        'Jina,Mawasiliano ya mteja,Zzz\nAsha Juma,0713 000 111,x\nJohn Mrema,0754 000 222,y\n',
      ),
    );
    const preview = await previewImport(deps, await harness.context(), source, { entity: 'customers' });
    expect(preview.mapping.find((column) => column.column === 'Mawasiliano ya mteja')).toMatchObject({
      field: 'phone',
      reason: 'model',
    });
    expect(preview.mapping.find((column) => column.column === 'Zzz')?.field).toBeNull();
    const sent = JSON.stringify(fake.bodies);
    expect(sent).toContain('Mawasiliano ya mteja');
    expect(sent).not.toContain('0713 000 111');
    expect(sent).not.toContain('Asha');
    expect(sent).not.toMatch(/"Jina"/); // already mapped columns are not sent
  });
});

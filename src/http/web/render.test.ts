import { describe, expect, it } from 'vitest';
import { renderPart } from './render.ts';

const bars = [
  { label: '21 Nov', value: 120_000, display: 'TSh 1,200' },
  { label: '22 Nov <b>', value: 90_000, display: 'TSh 900' },
];

describe('chart parts in the web chat', () => {
  it('draws bars inline, escaping labels', () => {
    const html = renderPart({ type: 'chart', title: 'Owed by age', bars });
    expect(html).toContain('<rect');
    expect(html).toContain('22 Nov &lt;b&gt;');
    expect(html).not.toContain('<b>');
  });

  it('draws a time series as a line, inline and scalable, without the XML declaration', () => {
    const html = renderPart({ type: 'chart', title: 'Sales, 14 days', kind: 'line', bars });
    expect(html).toContain('<polyline');
    expect(html).not.toContain('<?xml');
    expect(html).toMatch(/<svg width="100%" xmlns=/);
    expect(html).toContain('viewBox=');
  });
});

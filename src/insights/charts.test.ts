import { describe, expect, it } from 'vitest';
import { type ChartPart, chartSize, chartSvg, compactNumber, escapeXml, niceTicks } from './charts.ts';

const ageing: ChartPart = {
  type: 'chart',
  title: 'Money owed by how late it is (TZS)',
  bars: [
    { label: 'Not yet due', value: 1_200_000, display: 'TSh 1,200,000' },
    { label: '1–30 days', value: 800_000, display: 'TSh 800,000' },
    { label: 'Over 90 days', value: 0, display: 'TSh 0' },
  ],
};

describe('chartSvg', () => {
  it('is a standalone SVG document with a title, bars, an axis and labels', () => {
    const svg = chartSvg(ageing);
    expect(
      svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"'),
    ).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    const { width, height } = chartSize(ageing);
    expect(svg).toContain(`width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`);
    expect(svg).toContain('<title>Money owed by how late it is (TZS)</title>');
    // Two bars with a length, none for the zero bucket; tick labels of the value axis.
    expect(svg.match(/<rect x=[^>]+rx="3"/g)).toHaveLength(3);
    expect(svg).toMatch(/width="2"[^>]*rx="3"|width="0"[^>]*rx="3"/);
    for (const tick of ['>0<', '>500k<', '>1M<']) expect(svg).toContain(tick);
    for (const bar of ageing.bars) {
      expect(svg).toContain(`>${bar.label}<`);
      expect(svg).toContain(`>${bar.display}<`);
    }
  });

  it('draws a time series as a line with its dates and the latest value', () => {
    const part: ChartPart = {
      type: 'chart',
      kind: 'line',
      title: 'Sales, last 14 days (TZS)',
      bars: Array.from({ length: 14 }, (_, index) => ({
        label: `${index + 10} Nov`,
        value: index * 100_000,
        display: `TSh ${index * 100},000`,
      })),
    };
    const svg = chartSvg(part);
    expect(svg).toContain('<polyline');
    expect(svg.match(/<circle /g)).toHaveLength(14);
    expect(svg).toContain('>23 Nov<');
    expect(svg).toContain('>TSh 1300,000<');
    expect(chartSize(part)).toEqual({ width: 640, height: 320 });
  });

  it('escapes labels so data can never become markup', () => {
    const svg = chartSvg({
      type: 'chart',
      title: 'Best <customers> & "friends"',
      bars: [{ label: '<script>alert(1)</script>\u0007', value: 5, display: "O'Neil & Co" }],
    });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('\u0007');
    expect(svg).toContain('>&lt;script&gt;alert(1)&lt;/script');
    expect(svg).toContain('Best &lt;customers&gt; &amp; &quot;friends&quot;');
    expect(svg).toContain('O&apos;Neil &amp; Co');
    // Every & starts an entity; no tag other than the SVG's own.
    expect(svg.match(/&(?!amp;|lt;|gt;|quot;|apos;)/g)).toBeNull();
    expect(new Set(svg.match(/<\/?([a-z?]+)/g)?.map((tag) => tag.replace(/[</]/g, '')))).toEqual(
      new Set(['?xml', 'svg', 'title', 'rect', 'text', 'line']),
    );
  });

  it('copes with no data, one point, negative and non-finite values', () => {
    expect(chartSvg({ type: 'chart', title: 'Empty', bars: [] })).toContain('>No data<');
    const single = chartSvg({
      type: 'chart',
      kind: 'line',
      title: 'One',
      bars: [{ label: '1 Nov', value: 5, display: '5' }],
    });
    expect(single).not.toContain('<polyline');
    expect(single.match(/<circle /g)).toHaveLength(1);
    const mixed = chartSvg({
      type: 'chart',
      title: 'Mixed',
      bars: [
        { label: 'refunds', value: -300, display: '-300' },
        { label: 'sales', value: 900, display: '900' },
        { label: 'broken', value: Number.NaN, display: '?' },
      ],
    });
    expect(mixed).not.toMatch(/NaN|Infinity/);
    expect(mixed).toContain('fill="#b02a37"');
  });
});

describe('axis helpers', () => {
  it('picks round ticks that cover the values', () => {
    expect(niceTicks(0, 1_234_567)).toEqual([0, 500_000, 1_000_000, 1_500_000]);
    expect(niceTicks(-300, 900)).toEqual([-500, 0, 500, 1000]);
    expect(niceTicks(0, 0)).toEqual([0, 1]);
    expect(niceTicks(0, 7)).toEqual([0, 2, 4, 6, 8]);
  });

  it('writes compact numbers', () => {
    expect(compactNumber(1_250_000)).toBe('1.25M');
    expect(compactNumber(350_000)).toBe('350k');
    expect(compactNumber(-2_000)).toBe('-2k');
    expect(compactNumber(12.5)).toBe('12.5');
    expect(escapeXml('a\u0000b')).toBe('ab');
  });
});

/** Charts as PNG images without a browser: resvg in WebAssembly with the bundled Roboto font. */
import { describe, expect, it } from 'vitest';
import { computeBriefing } from '../../src/insights/briefing.ts';
import { chartPng, svgPixels, svgToPng } from '../../src/insights/charts.node.ts';
import { type ChartPart, chartSize, chartSvg } from '../../src/insights/charts.ts';
import { createHarness } from '../support/harness.ts';

const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function header(png: Uint8Array): { width: number; height: number } {
  expect([...png.slice(0, 8)]).toEqual(signature);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect(new TextDecoder().decode(png.slice(12, 16))).toBe('IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Decodes the PNG with resvg itself (as an embedded image) and counts what is not white background. */
async function inked(png: Uint8Array, size: { width: number; height: number }) {
  const href = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
  const { pixels } = await svgPixels(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}"><image href="${href}" width="${size.width}" height="${size.height}"/></svg>`,
  );
  let ink = 0;
  let green = 0;
  for (let index = 0; index < pixels.length; index += 4) {
    const [red, greenChannel, blue] = [pixels[index] ?? 0, pixels[index + 1] ?? 0, pixels[index + 2] ?? 0];
    if (red < 240 || greenChannel < 240 || blue < 240) ink++;
    // The bars' and line's colour, #0f5132.
    if (Math.abs(red - 0x0f) < 12 && Math.abs(greenChannel - 0x51) < 12 && Math.abs(blue - 0x32) < 12)
      green++;
  }
  return { ink, green, total: pixels.length / 4 };
}

const ageing: ChartPart = {
  type: 'chart',
  kind: 'bar',
  title: 'Money owed by how late it is (TZS)',
  bars: [
    { label: 'Not yet due', value: 280_909.9, display: 'TSh 28,090,990' },
    { label: '1–30 days', value: 95_090.4, display: 'TSh 9,509,040' },
    { label: '31–60 days', value: 110_795.2, display: 'TSh 11,079,520' },
    { label: '61–90 days', value: 0, display: 'TSh 0' },
    { label: 'Over 90 days', value: 250_000, display: 'TSh 25,000,000' },
  ],
};

describe('chartPng', () => {
  it('renders the demo business’s revenue trend', async () => {
    const harness = await createHarness({ demo: true });
    try {
      const owner = await harness.context('demo', 'owner', 'web');
      const briefing = await computeBriefing(harness.deps, owner, { day: '2026-11-18' });
      const chart = briefing.parts[0];
      if (chart?.type !== 'chart') throw new Error('expected a chart');
      const png = await chartPng(chart);
      const size = chartSize(chart);
      expect(header(png)).toEqual({ width: size.width * 2, height: size.height * 2 });
      const pixels = await inked(png, { width: size.width * 2, height: size.height * 2 });
      expect(pixels.ink / pixels.total).toBeGreaterThan(0.05);
      expect(pixels.green).toBeGreaterThan(500);
    } finally {
      await harness.close();
    }
  });

  it('renders an ageing chart at the scale asked for', async () => {
    const png = await chartPng(ageing, { scale: 1 });
    const size = chartSize(ageing);
    expect(header(png)).toEqual(size);
    const pixels = await inked(png, size);
    expect(pixels.ink / pixels.total).toBeGreaterThan(0.05);
    expect(pixels.green).toBeGreaterThan(1000);
  });

  it('draws text with the bundled font (resvg-wasm has no system fonts)', async () => {
    const onlyText = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="#fff"/><text x="10" y="28" font-size="20" font-family="Roboto, sans-serif" fill="#000">Mauzo 1,000</text></svg>`;
    const { pixels } = await svgPixels(onlyText);
    let dark = 0;
    for (let index = 0; index < pixels.length; index += 4) if ((pixels[index] ?? 255) < 128) dark++;
    expect(dark).toBeGreaterThan(200);
  });

  it('parses every chart as well-formed XML, labels from data included', async () => {
    const hostile: ChartPart = {
      type: 'chart',
      title: 'Top </text><script>x</script> & co',
      bars: [{ label: '"><rect/>', value: 1, display: '<&>' }],
    };
    await expect(svgToPng(chartSvg(hostile))).resolves.toBeInstanceOf(Uint8Array);
    await expect(
      svgToPng('<svg xmlns="http://www.w3.org/2000/svg"><text>a & b</text></svg>'),
    ).rejects.toThrow();
  });
});

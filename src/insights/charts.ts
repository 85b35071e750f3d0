/**
 * Charts as standalone SVG documents: the one drawing that every channel shows. The web chat can put
 * it inline; messaging channels get the same drawing as a PNG (`chartPng` in `charts.node.ts`, which
 * rasterises this SVG with resvg). Runtime-neutral: strings only, no DOM, no fonts read here.
 *
 * Two kinds, chosen by `kind` on the chart part:
 * - `bar` (default): horizontal bars, labels left, amounts right, a value axis below (ageing buckets,
 *   best products: categories whose names can be long);
 * - `line`: a time series, oldest first: a line with dots over a value axis and date labels below
 *   (revenue per day).
 *
 * Every label comes from data (product and customer names, titles in the owner's language) and is
 * escaped as XML text, with characters XML 1.0 cannot carry removed, so a name like `<b>&Co` is drawn
 * as written and can never break or extend the document.
 */
import type { ReplyPart } from '../agent/reply-parts.ts';

export type ChartKind = 'bar' | 'line';

/**
 * The chart reply part, plus how to draw it. `kind` is optional so every existing chart part (bars
 * only) stays valid; parts stored with a `kind` keep it in chat history and briefings.
 */
export type ChartPart = Extract<ReplyPart, { type: 'chart' }>;

export interface ChartSize {
  width: number;
  height: number;
}

/** One family for every renderer: resvg gets Roboto as a buffer; browsers fall back to their sans-serif. */
export const chartFontFamily = 'Roboto, Arial, Helvetica, sans-serif';

const colors = {
  background: '#ffffff',
  text: '#212529',
  muted: '#6c757d',
  grid: '#e9ecef',
  axis: '#adb5bd',
  bar: '#0f5132',
  negative: '#b02a37',
  area: '#0f5132',
} as const;

const width = 640;
const padding = 16;
const titleSize = 16;
const labelSize = 12;
const tickSize = 11;
const plotTop = 48;
const rowHeight = 28;
const barThickness = 18;
const lineHeight = 320;

/** Drops what XML 1.0 cannot carry: C0 controls other than tab, newline and CR; lone surrogates; U+FFFE/F. */
function xmlCharacters(text: string): string {
  let kept = '';
  // Iterating a string yields code points; a lone surrogate comes out on its own.
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    const control = code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
    const surrogate = code >= 0xd800 && code <= 0xdfff;
    if (control || surrogate || code === 0xfffe || code === 0xffff) continue;
    kept += character;
  }
  return kept;
}

/** Text safe inside an XML element or a double- or single-quoted attribute. */
export function escapeXml(text: string): string {
  return xmlCharacters(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function chartKind(part: ChartPart): ChartKind {
  return part.kind === 'line' ? 'line' : 'bar';
}

/** The drawing's size in CSS pixels (the PNG is this times its scale). */
export function chartSize(part: ChartPart): ChartSize {
  if (chartKind(part) === 'line') return { width, height: lineHeight };
  return { width, height: plotTop + Math.max(1, part.bars.length) * rowHeight + 36 };
}

/** A standalone SVG document (with its XML declaration) for a chart part. */
export function chartSvg(part: ChartPart): string {
  const size = chartSize(part);
  const body = part.bars.length === 0 ? empty(size) : chartKind(part) === 'line' ? line(part) : bars(part);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}" viewBox="0 0 ${size.width} ${size.height}" role="img" aria-label="${escapeXml(part.title)}" font-family="${chartFontFamily}">`,
    `<title>${escapeXml(part.title)}</title>`,
    `<rect width="${size.width}" height="${size.height}" fill="${colors.background}"/>`,
    text(padding, 28, clip(part.title, size.width - 2 * padding, titleSize), {
      size: titleSize,
      weight: 'bold',
    }),
    body,
    '</svg>',
  ].join('\n');
}

function empty(size: ChartSize): string {
  return text(size.width / 2, size.height / 2 + 8, 'No data', {
    size: labelSize,
    fill: colors.muted,
    anchor: 'middle',
  });
}

/** Horizontal bars from zero (negative values go left of it), with a value axis under the rows. */
function bars(part: ChartPart): string {
  const values = part.bars.map((bar) => finite(bar.value));
  const labelWidth = Math.min(
    180,
    Math.max(40, ...part.bars.map((bar) => textWidth(bar.label, labelSize))) + 10,
  );
  const valueWidth = Math.min(
    150,
    Math.max(...part.bars.map((bar) => textWidth(bar.display, labelSize))) + 10,
  );
  const left = padding + labelWidth;
  const right = width - padding - valueWidth;
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values));
  const low = ticks[0] ?? 0;
  const high = ticks[ticks.length - 1] ?? 1;
  const x = (value: number) => left + ((value - low) / (high - low || 1)) * (right - left);
  const bottom = plotTop + part.bars.length * rowHeight;
  const out: string[] = [];
  for (const tick of ticks) {
    const at = round1(x(tick));
    out.push(rule(at, plotTop - 4, at, bottom, tick === 0 ? colors.axis : colors.grid));
    out.push(
      text(at, bottom + 16, compactNumber(tick), { size: tickSize, fill: colors.muted, anchor: 'middle' }),
    );
  }
  part.bars.forEach((bar, index) => {
    const value = values[index] ?? 0;
    const top = plotTop + index * rowHeight + (rowHeight - barThickness) / 2;
    const zero = x(0);
    const end = x(value);
    const start = Math.min(zero, end);
    const length = Math.max(value === 0 ? 0 : 2, Math.abs(end - zero));
    const middle = top + barThickness / 2 + 4;
    out.push(text(padding, middle, clip(bar.label, labelWidth - 10, labelSize), { size: labelSize }));
    out.push(
      `<rect x="${round1(start)}" y="${round1(top)}" width="${round1(length)}" height="${barThickness}" rx="3" fill="${value < 0 ? colors.negative : colors.bar}"/>`,
    );
    out.push(
      text(round1(Math.max(zero, end) + 6), middle, clip(bar.display, valueWidth, labelSize), {
        size: labelSize,
        fill: colors.text,
      }),
    );
  });
  return out.join('\n');
}

/** A time series: value axis with grid lines, a line with a dot per point, dates under the axis. */
function line(part: ChartPart): string {
  const values = part.bars.map((bar) => finite(bar.value));
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values));
  const low = ticks[0] ?? 0;
  const high = ticks[ticks.length - 1] ?? 1;
  const tickWidth = Math.max(...ticks.map((tick) => textWidth(compactNumber(tick), tickSize)));
  const left = padding + tickWidth + 8;
  const right = width - padding - 8;
  const top = plotTop + 8;
  const bottom = lineHeight - 40;
  const y = (value: number) => bottom - ((value - low) / (high - low || 1)) * (bottom - top);
  const count = part.bars.length;
  const x = (index: number) =>
    count === 1 ? (left + right) / 2 : left + (index / (count - 1)) * (right - left);
  const out: string[] = [];
  for (const tick of ticks) {
    const at = round1(y(tick));
    out.push(rule(left, at, right, at, tick === 0 ? colors.axis : colors.grid));
    out.push(
      text(left - 6, at + 4, compactNumber(tick), { size: tickSize, fill: colors.muted, anchor: 'end' }),
    );
  }
  const points = values.map((value, index) => `${round1(x(index))},${round1(y(value))}`);
  if (count > 1) {
    const zero = round1(y(Math.max(low, 0)));
    out.push(
      `<path d="M${round1(x(0))},${zero} L${points.join(' L')} L${round1(x(count - 1))},${zero} Z" fill="${colors.area}" fill-opacity="0.12"/>`,
    );
    out.push(
      `<polyline points="${points.join(' ')}" fill="none" stroke="${colors.bar}" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"/>`,
    );
  }
  for (const point of points) {
    const [cx, cy] = point.split(',');
    out.push(`<circle cx="${cx}" cy="${cy}" r="3.5" fill="${colors.bar}"/>`);
  }
  // Date labels: at most about seven, evenly spaced, always the latest.
  const every = Math.max(1, Math.ceil(count / 7));
  part.bars.forEach((bar, index) => {
    const fromEnd = count - 1 - index;
    if (fromEnd % every !== 0) return;
    // The latest date ends at the plot's right edge instead of running past it.
    const latest = fromEnd === 0 && count > 1;
    out.push(
      text(
        round1(latest ? x(index) + 4 : x(index)),
        bottom + 18,
        clip(bar.label, ((right - left) / count) * every - 4, tickSize),
        { size: tickSize, fill: colors.muted, anchor: latest ? 'end' : 'middle' },
      ),
    );
  });
  // The latest value, written above its point: the number the owner looks for first.
  const last = part.bars[count - 1];
  if (last) {
    const lastY = y(values[count - 1] ?? 0);
    out.push(
      text(round1(x(count - 1)), round1(Math.max(top + 4, lastY - 10)), clip(last.display, 200, labelSize), {
        size: labelSize,
        weight: 'bold',
        anchor: count === 1 ? 'middle' : 'end',
      }),
    );
  }
  return out.join('\n');
}

interface TextStyle {
  size: number;
  fill?: string;
  weight?: 'bold';
  anchor?: 'start' | 'middle' | 'end';
}

function text(x: number, y: number, content: string, style: TextStyle): string {
  const anchor = style.anchor && style.anchor !== 'start' ? ` text-anchor="${style.anchor}"` : '';
  const weight = style.weight ? ` font-weight="${style.weight}"` : '';
  return `<text x="${x}" y="${y}" font-size="${style.size}" fill="${style.fill ?? colors.text}"${anchor}${weight}>${escapeXml(content)}</text>`;
}

function rule(x1: number, y1: number, x2: number, y2: number, stroke: string): string {
  return `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${stroke}" stroke-width="1"/>`;
}

/** Rough advance width of a text in a sans-serif face: good enough to lay out and to shorten labels. */
function textWidth(content: string, size: number): number {
  return [...content].length * size * 0.56;
}

/** Shortens a label with an ellipsis so it fits `room` pixels. */
function clip(content: string, room: number, size: number): string {
  const characters = [...content.replace(/\s+/g, ' ').trim()];
  const most = Math.max(1, Math.floor(room / (size * 0.56)));
  return characters.length <= most ? characters.join('') : `${characters.slice(0, most - 1).join('')}…`;
}

function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Evenly spaced round tick values covering [low, high], zero included when in range: 0, 500k, 1M… */
export function niceTicks(low: number, high: number, wanted = 5): number[] {
  if (!(high > low))
    return high > 0 ? [0, niceStep(high, false)] : low < 0 ? [niceStep(low, false), 0] : [0, 1];
  const step = niceStep((high - low) / (wanted - 1), true);
  const first = Math.floor(low / step) * step;
  const last = Math.ceil(high / step) * step;
  const ticks: number[] = [];
  for (let value = first; value <= last + step / 2; value += step) ticks.push(Number(value.toPrecision(12)));
  return ticks;
}

function niceStep(range: number, round: boolean): number {
  const sign = range < 0 ? -1 : 1;
  const value = Math.abs(range);
  const exponent = Math.floor(Math.log10(value));
  const fraction = value / 10 ** exponent;
  const nice = round
    ? fraction < 1.5
      ? 1
      : fraction < 3
        ? 2
        : fraction < 7
          ? 5
          : 10
    : fraction <= 1
      ? 1
      : fraction <= 2
        ? 2
        : fraction <= 5
          ? 5
          : 10;
  return sign * nice * 10 ** exponent;
}

/** 1,250,000 → "1.25M", 350,000 → "350k", 12.5 → "12.5": tick labels that stay short. */
export function compactNumber(value: number): string {
  const magnitude = Math.abs(value);
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) {
    if (magnitude >= size) return `${trim(value / size)}${suffix}`;
  }
  return trim(value);
}

function trim(value: number): string {
  return String(Number(value.toFixed(2)));
}

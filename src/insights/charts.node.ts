/**
 * Charts as PNG images, for channels that cannot show SVG (WhatsApp, Telegram). Node only: it reads
 * the renderer's WebAssembly and the font from node_modules.
 *
 * Renderer: resvg compiled to WebAssembly (`@resvg/resvg-wasm`): no browser, no native addon, no
 * build step, the same pixels on every machine. resvg-wasm has no system fonts, so Roboto (regular
 * and bold TTF from `@expo-google-fonts/roboto`) is passed to it as buffers; without them every label
 * would silently disappear. See docs/insights.md, "Charts".
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { type ChartPart, chartSvg } from './charts.ts';

const fontFiles = [
  '@expo-google-fonts/roboto/400Regular/Roboto_400Regular.ttf',
  '@expo-google-fonts/roboto/700Bold/Roboto_700Bold.ttf',
];

let ready: Promise<Uint8Array[]> | undefined;

/** Loads the WebAssembly module and the fonts once per process, on first use (never at import). */
function renderer(): Promise<Uint8Array[]> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    const [wasm, ...fonts] = await Promise.all([
      readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm')),
      ...fontFiles.map((file) => readFile(require.resolve(file))),
    ]);
    try {
      await initWasm(wasm as Uint8Array);
    } catch (error) {
      // Another module of this process initialised resvg first: the module is ready all the same.
      if (!/already initiali[sz]ed/i.test(String(error))) throw error;
    }
    return fonts.map((font) => new Uint8Array(font));
  })().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}

export interface PngOptions {
  /** Pixels per SVG unit: 2 (default) stays sharp on phone screens. */
  scale?: number;
}

/** Rasterises an SVG document to PNG bytes with the bundled fonts. */
export async function svgToPng(svg: string, options: PngOptions = {}): Promise<Uint8Array> {
  const fonts = await renderer();
  const resvg = new Resvg(svg, {
    font: {
      fontBuffers: fonts,
      defaultFontFamily: 'Roboto',
      sansSerifFamily: 'Roboto',
    },
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    shapeRendering: 2,
    textRendering: 1,
  });
  try {
    const image = resvg.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}

/** The RGBA pixels of an SVG, as resvg draws them (for checks: is anything drawn, which colours). */
export async function svgPixels(
  svg: string,
  options: PngOptions = {},
): Promise<{ width: number; height: number; pixels: Uint8Array }> {
  const fonts = await renderer();
  const resvg = new Resvg(svg, {
    font: { fontBuffers: fonts, defaultFontFamily: 'Roboto', sansSerifFamily: 'Roboto' },
    fitTo: { mode: 'zoom', value: options.scale ?? 1 },
  });
  try {
    const image = resvg.render();
    try {
      return { width: image.width, height: image.height, pixels: image.pixels.slice() };
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}

/** A chart part as a PNG image (see `chartSvg` for the drawing). */
export async function chartPng(part: ChartPart, options: PngOptions = {}): Promise<Uint8Array> {
  return svgToPng(chartSvg(part), options);
}

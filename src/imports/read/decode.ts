/**
 * Bytes to text, chunk by chunk, refusing (never replacing) bytes that are not valid in the encoding.
 */
import { AppError } from '../../core/errors.ts';
import type { TextEncodingName } from './sniff.ts';

/**
 * Decodes a byte stream incrementally. `rowsSoFar` says how many rows the parser has seen, so that a bad
 * byte far into the file can be reported with its approximate row.
 */
export async function* decodeChunks(
  chunks: AsyncIterable<Uint8Array>,
  encoding: TextEncodingName,
  rowsSoFar: () => number,
): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  for await (const chunk of chunks) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch (error) {
      throw invalidText(encoding, rowsSoFar() + linesBeforeInvalid(chunk, encoding) + 1, error);
    }
    if (text) yield text;
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch (error) {
    throw invalidText(encoding, rowsSoFar() + 1, error);
  }
  if (rest) yield rest;
}

/** Line feeds before the first byte that fails to decode (UTF-8 only; good enough for an approximate row). */
function linesBeforeInvalid(chunk: Uint8Array, encoding: TextEncodingName): number {
  if (encoding !== 'utf-8') return 0;
  let low = 0;
  let high = chunk.length;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(chunk.subarray(0, middle), { stream: true });
      low = middle;
    } catch {
      high = middle - 1;
    }
  }
  let lines = 0;
  for (let index = 0; index < low; index++) if (chunk[index] === 10) lines++;
  return lines;
}

function invalidText(encoding: TextEncodingName, row: number, cause: unknown): AppError {
  const where = `around row ${row.toLocaleString('en')}`;
  const message =
    encoding === 'utf-8'
      ? `The file starts as UTF-8 text but has characters that are not UTF-8 ${where}, so some letters would be lost. Open it in Excel or Google Sheets, save it as "CSV UTF-8", then import it again.`
      : `The file has broken characters ${where}. Open it in Excel or Google Sheets, save it as "CSV UTF-8", then import it again.`;
  return new AppError('unprocessable', message, { details: { encoding, row }, cause });
}

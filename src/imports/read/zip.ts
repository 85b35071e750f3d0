/**
 * Just enough ZIP to look inside an XLSX held in memory: the central directory, size-capped inflating of
 * one entry, and re-emitting chosen entries as a fresh ZIP stream (in an order the streaming XLSX reader
 * likes, and with only the entries listed in the directory, so hidden extra entries never reach it).
 */
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import { AppError } from '../../core/errors.ts';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  dataStart: number;
}

export interface ZipArchive {
  bytes: Uint8Array;
  /** Entries by lower-cased name (OOXML part names are case-insensitive). */
  entries: Map<string, ZipEntry>;
}

const damaged = (): AppError =>
  new AppError(
    'unprocessable',
    'This Excel file looks damaged and cannot be read. Open it in Excel, save it again as .xlsx, then import it again.',
  );

/** Reads the central directory of a ZIP file held in memory. */
export function openZip(bytes: Uint8Array): ZipArchive {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let offset = bytes.length - 22; offset >= Math.max(0, bytes.length - 22 - 0xffff); offset--) {
    if (view.getUint32(offset, true) === 0x06054b50) {
      end = offset;
      break;
    }
  }
  if (end < 0) throw damaged();
  const count = view.getUint16(end + 10, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw damaged();
  const names = new TextDecoder();
  const entries = new Map<string, ZipEntry>();
  let offset = directoryOffset;
  for (let index = 0; index < count; index++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) throw damaged();
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const localOffset = view.getUint32(offset + 42, true);
    const name = names.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    const compressedSize = view.getUint32(offset + 20, true);
    if (localOffset + 30 > bytes.length || view.getUint32(localOffset, true) !== 0x04034b50) throw damaged();
    const dataStart =
      localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (dataStart + compressedSize > bytes.length) throw damaged();
    entries.set(name.toLowerCase(), {
      name,
      flags: view.getUint16(offset + 8, true),
      method: view.getUint16(offset + 10, true),
      crc: view.getUint32(offset + 16, true),
      compressedSize,
      uncompressedSize: view.getUint32(offset + 24, true),
      dataStart,
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return { bytes, entries };
}

function compressedData(zip: ZipArchive, entry: ZipEntry): Uint8Array {
  if (entry.flags & 1) {
    throw new AppError(
      'unprocessable',
      'This workbook is password-protected. Remove the password in Excel, then import it again.',
    );
  }
  if (entry.method !== 0 && entry.method !== 8) throw damaged();
  return zip.bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
}

function tooBig(what: string): AppError {
  return new AppError(
    'payload_too_large',
    `This Excel file unpacks to far more data than it seems to hold (${what}), so it was refused. Save the sheet you need as CSV and import that.`,
    { details: { part: what } },
  );
}

/** The text of a small entry (workbook, relationships), refusing more than `limit` bytes once unpacked. */
export function readEntryText(zip: ZipArchive, entry: ZipEntry, limit: number): string {
  const data = compressedData(zip, entry);
  if (entry.method === 0) {
    if (data.length > limit) throw tooBig(entry.name);
    return new TextDecoder().decode(data);
  }
  try {
    return new TextDecoder().decode(inflateRawSync(data, { maxOutputLength: limit }));
  } catch (error) {
    if (error instanceof RangeError) throw tooBig(entry.name);
    throw damaged();
  }
}

/** Streams an entry's unpacked bytes, stopping with an error past `limit` (a ZIP bomb guard that trusts no header). */
export async function* inflateEntry(
  zip: ZipArchive,
  entry: ZipEntry,
  limit: number,
): AsyncGenerator<Uint8Array> {
  const data = compressedData(zip, entry);
  if (entry.method === 0) {
    if (data.length > limit) throw tooBig(entry.name);
    yield data;
    return;
  }
  const inflater = createInflateRaw();
  inflater.end(data);
  let total = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Uint8Array>) {
      total += chunk.length;
      if (total > limit) throw tooBig(entry.name);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw damaged();
  } finally {
    inflater.destroy();
  }
}

/** One entry as a ZIP local file (header + data), renamed, with its sizes in the header and no data descriptor. */
export function localFile(zip: ZipArchive, entry: ZipEntry, name: string): Uint8Array[] {
  return [localHeader(name, entry), compressedData(zip, entry)];
}

/** A stored (uncompressed) local file made up on the spot, for parts a workbook lacks. */
export function storedFile(name: string, content: string): Uint8Array[] {
  const data = new TextEncoder().encode(content);
  const entry: ZipEntry = {
    name,
    method: 0,
    flags: 0,
    crc: crc32(data),
    compressedSize: data.length,
    uncompressedSize: data.length,
    dataStart: 0,
  };
  return [localHeader(name, entry), data];
}

function localHeader(name: string, entry: ZipEntry): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const header = new Uint8Array(30 + nameBytes.length);
  const view = new DataView(header.buffer);
  view.setUint32(0, 0x04034b50, true);
  view.setUint16(4, 20, true);
  // Bit 3 (sizes in a trailing descriptor) is cleared because the sizes are written here.
  view.setUint16(6, (entry.flags & ~0x08) | 0x800, true);
  view.setUint16(8, entry.method, true);
  view.setUint32(14, entry.crc, true);
  view.setUint32(18, entry.compressedSize, true);
  view.setUint32(22, entry.uncompressedSize, true);
  view.setUint16(26, nameBytes.length, true);
  header.set(nameBytes, 30);
  return header;
}

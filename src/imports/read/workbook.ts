/**
 * The structure of an XLSX workbook read straight from its ZIP parts: which worksheets it has (in the
 * order Excel shows them), where their parts are, which one to read, and that sheet's merged cells.
 */
import { AppError } from '../../core/errors.ts';
import type { MergedRange } from './header.ts';
import { inflateEntry, openZip, readEntryText, type ZipArchive, type ZipEntry } from './zip.ts';

export interface SheetPart {
  name: string;
  hidden: boolean;
  entry: ZipEntry;
}

export interface Workbook {
  zip: ZipArchive;
  sheets: SheetPart[];
  workbook: ZipEntry;
  relationships: ZipEntry | undefined;
  styles: ZipEntry | undefined;
  sharedStrings: ZipEntry | undefined;
  /** Mac Excel's old date system, where day 0 is 1904-01-01. */
  date1904: boolean;
}

/** Unpacked size limits: the sheet streams, but shared strings and styles are held in memory while reading. */
export const partLimits = {
  small: 16 * 1024 * 1024,
  styles: 64 * 1024 * 1024,
  sharedStrings: 256 * 1024 * 1024,
  sheet: 1024 * 1024 * 1024,
};

const notWorkbook = (): AppError =>
  new AppError(
    'unprocessable',
    'This ZIP file is not an Excel workbook (.xlsx). Upload the .xlsx or .csv file itself, not a ZIP archive.',
  );

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    found.set(match[1] ?? '', decodeXml(match[2] ?? match[3] ?? ''));
  }
  return found;
}

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number.parseInt(lower.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[lower] ?? '';
  });
}

function tags(xml: string, localName: string): Map<string, string>[] {
  const pattern = new RegExp(`<(?:[\\w.-]+:)?${localName}\\b[^>]*>`, 'g');
  return [...xml.matchAll(pattern)].map((match) => attributes(match[0]));
}

/** Resolves a relationship target against the folder of the part that points to it. */
function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

function relationships(zip: ZipArchive, partPath: string): { id: string; type: string; path: string }[] {
  const slash = partPath.lastIndexOf('/');
  const relsPath = `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
  const entry = zip.entries.get(relsPath.toLowerCase());
  if (!entry) return [];
  return tags(readEntryText(zip, entry, partLimits.small), 'Relationship').map((found) => ({
    id: found.get('Id') ?? '',
    type: found.get('Type') ?? '',
    path: resolvePart(partPath, found.get('Target') ?? ''),
  }));
}

/** Opens an XLSX held in memory and lists its worksheets; other ZIP files get a clear error. */
export function openWorkbook(bytes: Uint8Array): Workbook {
  const zip = openZip(bytes);
  const office = relationships(zip, '').find((rel) => rel.type.endsWith('/officeDocument'));
  const workbookPath = office?.path ?? 'xl/workbook.xml';
  const workbook = zip.entries.get(workbookPath.toLowerCase());
  if (!workbook) {
    if (zip.entries.has('content.xml')) {
      throw new AppError(
        'unprocessable',
        'This is an OpenDocument spreadsheet (.ods). Save it as Excel (.xlsx) or CSV, then import it again.',
      );
    }
    throw notWorkbook();
  }
  const rels = relationships(zip, workbookPath);
  const part = (type: string): ZipEntry | undefined => {
    const rel = rels.find((candidate) => candidate.type.endsWith(`/${type}`));
    return rel ? zip.entries.get(rel.path.toLowerCase()) : undefined;
  };
  const workbookXml = readEntryText(zip, workbook, partLimits.small);
  const date1904 = /^(?:1|true)$/i.test(tags(workbookXml, 'workbookPr')[0]?.get('date1904') ?? '');
  const sheets: SheetPart[] = [];
  for (const sheet of tags(workbookXml, 'sheet')) {
    const id = [...sheet.entries()].find(([key]) => key.endsWith(':id'))?.[1];
    const rel = rels.find((candidate) => candidate.id === id);
    // Chart sheets and dialog sheets have no cells to import.
    if (!rel?.type.endsWith('/worksheet')) continue;
    const entry = zip.entries.get(rel.path.toLowerCase());
    if (!entry) continue;
    const state = sheet.get('state') ?? 'visible';
    sheets.push({
      name: sheet.get('name') ?? `Sheet${sheets.length + 1}`,
      hidden: state !== 'visible',
      entry,
    });
  }
  const slash = workbookPath.lastIndexOf('/');
  const relationshipsPath = `${workbookPath.slice(0, slash + 1)}_rels/${workbookPath.slice(slash + 1)}.rels`;
  return {
    zip,
    sheets,
    workbook,
    relationships: zip.entries.get(relationshipsPath.toLowerCase()),
    styles: part('styles'),
    sharedStrings: part('sharedStrings'),
    date1904,
  };
}

/**
 * The sheet asked for by name (exact, then ignoring case and spaces) or 1-based position; by default the
 * first visible sheet with a value in it.
 */
export async function chooseSheet(
  book: Workbook,
  wanted: string | undefined,
): Promise<SheetPart | undefined> {
  const { sheets } = book;
  if (wanted !== undefined && wanted.trim() !== '') {
    const key = wanted.trim().toLowerCase();
    const found =
      sheets.find((sheet) => sheet.name === wanted) ??
      sheets.find((sheet) => sheet.name.trim().toLowerCase() === key) ??
      (/^\d+$/.test(key) ? sheets[Number(key) - 1] : undefined);
    if (found) return found;
    const names = sheets.map((sheet) => `"${sheet.name}"`).join(', ');
    throw new AppError(
      'unprocessable',
      `There is no sheet "${wanted}" in this workbook. Its sheets are: ${names}.`,
      {
        details: { sheets: sheets.map((sheet) => sheet.name) },
      },
    );
  }
  for (const sheet of sheets) {
    if (!sheet.hidden && (await sheetHasValues(book.zip, sheet.entry))) return sheet;
  }
  return undefined;
}

const valueTag = /<(?:[\w.-]+:)?(?:v|is)[\s>]/;

/** Unpacks the start of a sheet only until its first cell value. */
async function sheetHasValues(zip: ZipArchive, entry: ZipEntry): Promise<boolean> {
  const decoder = new TextDecoder('latin1');
  let carry = '';
  for await (const chunk of inflateEntry(zip, entry, partLimits.sheet)) {
    const text = carry + decoder.decode(chunk, { stream: true });
    if (valueTag.test(text)) return true;
    carry = text.slice(-16);
  }
  return false;
}

const mergeTag = /<(?:[\w.-]+:)?mergeCell\b[^>]*\bref\s*=\s*["']([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?["']/gi;
/** Merges below this row cannot touch the header, which is found within the first rows. */
const mergeRowLimit = 1000;
const maxMerges = 5000;

/**
 * Unpacks the whole sheet once (it streams, and the size limit guards against ZIP bombs) to collect the
 * merged ranges near the top, which Excel stores after the cells and the streaming reader ignores.
 */
export async function sheetMerges(zip: ZipArchive, entry: ZipEntry): Promise<MergedRange[]> {
  const decoder = new TextDecoder('latin1');
  const merges: MergedRange[] = [];
  let carry = '';
  for await (const chunk of inflateEntry(zip, entry, partLimits.sheet)) {
    const text = carry + decoder.decode(chunk, { stream: true });
    const cut = text.lastIndexOf('>') + 1;
    if (text.includes('mergeCell')) {
      for (const match of text.slice(0, cut).matchAll(mergeTag)) {
        const top = Number(match[2]);
        if (top > mergeRowLimit || merges.length >= maxMerges) continue;
        const left = columnNumber(match[1] ?? 'A');
        merges.push({
          top,
          left,
          bottom: match[4] ? Number(match[4]) : top,
          right: match[3] ? columnNumber(match[3]) : left,
        });
      }
    }
    carry = text.slice(cut).slice(-4096);
  }
  return merges;
}

/** "A" → 1, "AB" → 28. */
export function columnNumber(letters: string): number {
  let number = 0;
  for (const letter of letters.toUpperCase()) number = number * 26 + (letter.charCodeAt(0) - 64);
  return number;
}

/** Unpacks a part fully just to measure it, so a bomb is refused before the reader holds it in memory. */
export async function assertPartSize(
  zip: ZipArchive,
  entry: ZipEntry | undefined,
  limit: number,
): Promise<void> {
  if (!entry) return;
  for await (const _chunk of inflateEntry(zip, entry, limit)) {
    // Counting happens inside inflateEntry.
  }
}

/** Sheet names of a workbook in memory. */
export function workbookSheetNames(bytes: Uint8Array): string[] {
  return openWorkbook(bytes).sheets.map((sheet) => sheet.name);
}

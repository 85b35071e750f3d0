/** Small judgements about single cells and rows, shared by the CSV and XLSX readers. */

/**
 * The cell as written, minus surrounding whitespace and the apostrophe that Excel and Shopify put in front
 * of values to keep them as text (`'0712345678`). A value quoted at both ends (`'Mama'`) keeps its quotes.
 */
export function cleanCell(raw: string): string {
  const value = raw.trim();
  if (value.charCodeAt(0) === 39 && value.length > 1 && value.charCodeAt(value.length - 1) !== 39) {
    return value.slice(1).trimStart();
  }
  return value;
}

/** Cleans every cell of a row in place (rows are fresh arrays from the parser, so nobody else holds them). */
export function cleanCells(cells: string[]): string[] {
  for (let index = 0; index < cells.length; index++) cells[index] = cleanCell(cells[index] ?? '');
  return cells;
}

export function isBlankRow(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell !== '') return false;
  return true;
}

/** Numbers, amounts, phone numbers, dates and times: cells that a header row rarely has. */
const numberLike = /^[-+(]?\p{Sc}?\s*\d[\d\s.,:/T-]*(?:[AaPp]\.?[Mm]\.?)?%?\)?$/u;

export function isNumberLike(cell: string): boolean {
  return numberLike.test(cell);
}

const totalLabel = /^(?:grand\s*|sub\s*-?\s*)?(?:totals?|jumla)(?:\s+kuu)?(?![\p{L}\d])/iu;
/** An amount as report totals print it; a leading zero means an id or a phone number, not an amount. */
const amount =
  /^[-+]?\(?\s*(?:\p{Sc}\s*|[A-Za-z]{1,3}\.?\s+)?(?:\d{1,3}(?:[,\s.']\d{3})+|\d+)(?:[.,]\d+)?\s*\)?%?$/u;
const currencyCode = /^[A-Z]{3}$/;

/**
 * A "Total" / "Grand total" / "Jumla" row of a report: its first filled cell is that label and every other
 * filled cell is an amount. A customer called "Total Energies" with a phone number is not a total.
 */
export function isTotalRow(cells: readonly string[]): boolean {
  let labelSeen = false;
  for (const cell of cells) {
    if (cell === '') continue;
    if (!labelSeen) {
      if (!totalLabel.test(cell)) return false;
      labelSeen = true;
      continue;
    }
    if (currencyCode.test(cell)) continue;
    if (!amount.test(cell) || /^0\d/.test(cell)) return false;
  }
  return labelSeen;
}

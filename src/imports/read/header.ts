/**
 * Finding the header row under report title lines, and naming its columns.
 *
 * A row is taken as the header when it is the first row that
 * - has at least two filled cells (unless the table has a single column),
 * - fills more than half of the table's typical width (merged cells count as filled),
 * - is mostly text: at least 60% of its filled cells are not numbers, amounts, phone numbers or dates,
 * - is followed by rows of a similar width (the median of the next five data rows is between half and 1.25
 *   times its own width), which rules out "Kariakoo Electronics, Dar es Salaam" above a wider table.
 * The typical width is the third-widest row of the sample, so one long stray row does not set it. When no
 * row qualifies, the first row that passes all but the last test is the header, else the first non-blank row.
 *
 * Merged header cells (XLSX): when a header cell is merged across columns and the row right below names
 * those columns ("Sales" over "Qty" | "Amount"), the two rows form one header: "Sales Qty", "Sales Amount".
 * Otherwise the merged text goes to the first column and the others are "Sales (2)", "Sales (3)".
 */
import type { SourceRow } from '../types.ts';
import { isBlankRow, isNumberLike, isTotalRow } from './cells.ts';

/** A merged range of cells, 1-based and inclusive, as in the sheet. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface FoundHeader {
  /** Index into the sample of the (first) header row. */
  index: number;
  /** 1 or 2: how many sample rows the header takes. */
  rowCount: number;
  headers: string[];
}

const followRows = 5;
const minTextShare = 0.6;

interface RowShape {
  filled: number;
  /** Filled cells plus the cells that a merge in this row covers. */
  covered: number;
  span: number;
  text: number;
}

function shapeOf(row: SourceRow, merges: readonly MergedRange[]): RowShape {
  let filled = 0;
  let text = 0;
  let span = 0;
  row.cells.forEach((cell, index) => {
    if (cell === '') return;
    filled++;
    span = index + 1;
    if (!isNumberLike(cell)) text++;
  });
  let covered = filled;
  for (const merge of merges) {
    if (merge.top !== row.line || merge.right <= merge.left) continue;
    if ((row.cells[merge.left - 1] ?? '') === '') continue;
    covered += merge.right - merge.left;
    span = Math.max(span, merge.right);
  }
  return { filled, covered, span, text };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Picks the header row of a sample of the first rows and names its columns. Returns undefined when every row is blank. */
export function findHeader(
  sample: readonly SourceRow[],
  merges: readonly MergedRange[] = [],
): FoundHeader | undefined {
  const shapes = sample.map((row) => shapeOf(row, merges));
  const spans = shapes.filter((shape) => shape.filled > 0).map((shape) => shape.span);
  if (spans.length === 0) return undefined;
  spans.sort((a, b) => b - a);
  const width = spans[Math.min(2, spans.length - 1)] ?? 1;

  const candidate = (index: number, checkFollowing: boolean): boolean => {
    const shape = shapes[index];
    const row = sample[index];
    if (!shape || !row || shape.filled === 0 || isTotalRow(row.cells)) return false;
    if (shape.filled < 2 && width > 1) return false;
    if (shape.covered <= width / 2) return false;
    if (shape.text < shape.filled * minTextShare) return false;
    if (!checkFollowing) return true;
    const following: number[] = [];
    for (let next = index + 1; next < sample.length && following.length < followRows; next++) {
      const nextRow = sample[next];
      const nextShape = shapes[next];
      if (!nextRow || !nextShape || nextShape.filled === 0 || isTotalRow(nextRow.cells)) continue;
      following.push(nextShape.span);
    }
    const typical = median(following);
    return following.length === 0 || (typical >= shape.span / 2 && typical <= shape.span * 1.25);
  };
  let chosen = sample.findIndex((_, index) => candidate(index, true));
  if (chosen < 0) chosen = sample.findIndex((_, index) => candidate(index, false));
  if (chosen < 0) chosen = shapes.findIndex((shape) => shape.filled > 0);

  const top = sample[chosen];
  if (!top) return undefined;
  const below = sample[chosen + 1];
  const rowMerges = merges.filter((merge) => merge.top === top.line && merge.right > merge.left);
  if (below && below.line === top.line + 1 && isSubHeader(below.cells, rowMerges)) {
    return {
      index: chosen,
      rowCount: 2,
      headers: uniqueNames(combinedNames(top.cells, below.cells, rowMerges)),
    };
  }
  return { index: chosen, rowCount: 1, headers: uniqueNames(spreadMerges(top.cells, rowMerges)) };
}

/** The row below a merged header cell names every column under it, in words. */
function isSubHeader(cells: readonly string[], rowMerges: readonly MergedRange[]): boolean {
  if (rowMerges.length === 0 || isBlankRow(cells)) return false;
  for (const merge of rowMerges) {
    for (let column = merge.left; column <= merge.right; column++) {
      const cell = cells[column - 1] ?? '';
      if (cell === '' || isNumberLike(cell)) return false;
    }
  }
  const filled = cells.filter((cell) => cell !== '');
  return filled.filter((cell) => !isNumberLike(cell)).length >= filled.length * minTextShare;
}

/** The merged text on every column the merge covers (the uniquifier then numbers them). */
function spreadMerges(cells: readonly string[], rowMerges: readonly MergedRange[]): string[] {
  const names = [...cells];
  for (const merge of rowMerges) {
    const text = cells[merge.left - 1] ?? '';
    if (text === '') continue;
    for (let column = merge.left + 1; column <= merge.right; column++) {
      if ((names[column - 1] ?? '') === '') names[column - 1] = text;
    }
  }
  for (let index = 0; index < names.length; index++) names[index] ??= '';
  return names;
}

function combinedNames(
  top: readonly string[],
  below: readonly string[],
  rowMerges: readonly MergedRange[],
): string[] {
  const width = Math.max(top.length, below.length, ...rowMerges.map((merge) => merge.right));
  const names: string[] = [];
  for (let column = 1; column <= width; column++) {
    const merge = rowMerges.find((range) => range.left <= column && column <= range.right);
    const upper = merge ? (top[merge.left - 1] ?? '') : (top[column - 1] ?? '');
    const lower = below[column - 1] ?? '';
    names.push(merge && upper !== '' && lower !== '' ? `${upper} ${lower}` : upper || lower);
  }
  return names;
}

/** Empty names become "Column 3"; repeated names become "Phone (2)", "Phone (3)" (compared ignoring case). */
export function uniqueNames(cells: readonly string[]): string[] {
  const named = cells.map((cell, index) => (cell === '' ? `Column ${index + 1}` : cell));
  const used = new Set(named.map((name) => name.toLowerCase()));
  const seen = new Set<string>();
  return named.map((name) => {
    const key = name.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      return name;
    }
    let counter = 2;
    while (used.has(`${key} (${counter})`)) counter++;
    const unique = `${name} (${counter})`;
    used.add(unique.toLowerCase());
    seen.add(unique.toLowerCase());
    return unique;
  });
}

/** Text-format COPY encoding shared by both drivers' bulk loaders. */

function encodeValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    const inner = value
      .map((item) => `"${String(item).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
      .join(',');
    return escapeCopy(`{${inner}}`);
  }
  if (typeof value === 'object') return escapeCopy(JSON.stringify(value));
  return escapeCopy(String(value));
}

function escapeCopy(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export function encodeCopyRow(row: readonly unknown[]): string {
  return `${row.map(encodeValue).join('\t')}\n`;
}

export function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe SQL identifier: ${name}`);
  return `"${name}"`;
}

export async function* batches(
  source: AsyncIterable<readonly unknown[][]> | readonly unknown[][][],
): AsyncGenerator<readonly unknown[][]> {
  for await (const batch of source) yield batch;
}

/**
 * A local, deterministic text embedding (feature hashing of words and character trigrams), used for
 * memory recall when no embedding provider is configured. Similar wording gives similar vectors;
 * it knows nothing of meaning beyond shared words, which is enough to recall earlier exchanges.
 */

export const localEmbeddingDimensions = 256;

function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

export function localEmbedding(text: string): number[] {
  const vector = new Array<number>(localEmbeddingDimensions).fill(0);
  const words =
    text
      .toLowerCase()
      .normalize('NFKD')
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const add = (feature: string, weight: number) => {
    const hashed = hash(feature);
    const slot = hashed % localEmbeddingDimensions;
    vector[slot] = (vector[slot] ?? 0) + (hashed & 0x80000000 ? -weight : weight);
  };
  for (const word of words) {
    add(`w:${word}`, 1);
    const padded = `_${word}_`;
    for (let index = 0; index + 3 <= padded.length; index++) add(`t:${padded.slice(index, index + 3)}`, 0.3);
  }
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  return norm === 0 ? vector : vector.map((value) => value / norm);
}

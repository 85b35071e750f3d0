/**
 * A compact map from a 53-bit key hash to the row it was first seen on, for the in-file duplicate
 * check: open addressing over typed arrays, about 24 bytes a key instead of the ~80 of a Map, so a
 * million-row file needs tens of megabytes.
 */
export class KeyIndex {
  private keys: Float64Array;
  private lines: Int32Array;
  private used = 0;

  constructor(capacity = 1 << 16) {
    this.keys = new Float64Array(capacity).fill(Number.NaN);
    this.lines = new Int32Array(capacity);
  }

  get size(): number {
    return this.used;
  }

  /** The line first seen with this hash, or undefined (and then `line` is remembered for it). */
  firstOrRemember(hash: number, line: number): number | undefined {
    if (this.used * 2 >= this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let slot = this.slotOf(hash) & mask;
    for (;;) {
      const key = this.keys[slot] as number;
      if (Number.isNaN(key)) {
        this.keys[slot] = hash;
        this.lines[slot] = line;
        this.used++;
        return undefined;
      }
      if (key === hash) return this.lines[slot];
      slot = (slot + 1) & mask;
    }
  }

  private slotOf(hash: number): number {
    return (hash ^ Math.floor(hash / 4294967296)) >>> 0;
  }

  private grow(): void {
    const keys = this.keys;
    const lines = this.lines;
    this.keys = new Float64Array(keys.length * 2).fill(Number.NaN);
    this.lines = new Int32Array(keys.length * 2);
    this.used = 0;
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index] as number;
      if (!Number.isNaN(key)) this.firstOrRemember(key, lines[index] as number);
    }
  }
}

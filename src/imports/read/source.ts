/**
 * The bytes of an upload, read once: a peek at the start (to sniff the format and the encoding), then the
 * whole stream in order, with a running byte count so an oversized file stops as early as possible.
 */
import { AppError } from '../../core/errors.ts';

/** Big arrays are handed on in slices of this size, so decoding and parsing stay incremental. */
const sliceSize = 1024 * 1024;

/** A byte stream that can be peeked at once and then read once. */
export class ByteSource {
  readonly #iterator: AsyncIterator<Uint8Array> | undefined;
  readonly #whole: Uint8Array | undefined;
  readonly #queued: Uint8Array[] = [];
  #queuedBytes = 0;
  #ended = false;
  #seen = 0;

  constructor(input: AsyncIterable<Uint8Array> | Uint8Array) {
    if (input instanceof Uint8Array) {
      this.#whole = input;
      for (let start = 0; start < input.length; start += sliceSize)
        this.#queued.push(input.subarray(start, start + sliceSize));
      this.#queuedBytes = input.length;
      this.#seen = input.length;
      this.#ended = true;
    } else {
      this.#iterator = input[Symbol.asyncIterator]();
    }
  }

  /** True once the whole input has been pulled (so a peek that is shorter than asked for is all of it). */
  get ended(): boolean {
    return this.#ended;
  }

  /** The first `size` bytes (or fewer, at the end of the input), without consuming them. */
  async peek(size: number): Promise<Uint8Array> {
    while (this.#queuedBytes < size && !this.#ended) await this.#pull();
    const first = this.#queued[0];
    if (first && first.length >= Math.min(size, this.#queuedBytes)) return first.subarray(0, size);
    return concat(this.#queued, Math.min(size, this.#queuedBytes));
  }

  /** Every chunk in order; throws `payload_too_large` as soon as more than `maxBytes` have arrived. */
  async *chunks(maxBytes: number): AsyncGenerator<Uint8Array> {
    this.#checkSize(maxBytes);
    for (;;) {
      const chunk = this.#queued.shift();
      if (chunk) {
        this.#queuedBytes -= chunk.length;
        yield chunk;
        continue;
      }
      if (this.#ended) return;
      await this.#pull();
      this.#checkSize(maxBytes);
    }
  }

  /** The whole input as one array (for ZIP files, which are read from their end). */
  async readAll(maxBytes: number): Promise<Uint8Array> {
    while (!this.#ended) {
      await this.#pull();
      this.#checkSize(maxBytes);
    }
    this.#checkSize(maxBytes);
    const all = this.#whole ?? concat(this.#queued, this.#queuedBytes);
    this.#queued.length = 0;
    this.#queuedBytes = 0;
    return all;
  }

  /** Closes the underlying stream early (for example a file stream) when the caller gives up. */
  async close(): Promise<void> {
    this.#ended = true;
    await this.#iterator?.return?.();
  }

  async #pull(): Promise<void> {
    const iterator = this.#iterator;
    if (!iterator) {
      this.#ended = true;
      return;
    }
    const next = await iterator.next();
    if (next.done) {
      this.#ended = true;
      return;
    }
    const chunk = next.value;
    if (!(chunk instanceof Uint8Array))
      throw new AppError('bad_request', 'The upload must be sent as raw bytes.');
    for (let start = 0; start < chunk.length; start += sliceSize) {
      const slice = chunk.length > sliceSize ? chunk.subarray(start, start + sliceSize) : chunk;
      this.#queued.push(slice);
    }
    this.#queuedBytes += chunk.length;
    this.#seen += chunk.length;
  }

  #checkSize(maxBytes: number): void {
    if (this.#seen <= maxBytes) return;
    throw new AppError(
      'payload_too_large',
      `The file is larger than ${formatBytes(maxBytes)}. Split it into smaller files and import them one at a time.`,
      { details: { maxBytes } },
    );
  }
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    if (offset >= length) break;
    const take = part.subarray(0, length - offset);
    out.set(take, offset);
    offset += take.length;
  }
  return out;
}

/** "100 MB" style sizes for messages. */
export function formatBytes(bytes: number): string {
  const mebibytes = bytes / (1024 * 1024);
  if (mebibytes >= 1) return `${Math.round(mebibytes * 10) / 10} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

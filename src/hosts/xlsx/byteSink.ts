/**
 * UTF-8 output of the fast writer (hosts/xlsx/fastWrite) written straight into byte chunks, and the
 * small helpers that put ASCII pieces and integers into them.
 */

/** XML text: escaped, control characters and literal "_xHHHH_" kept as the OOXML escapes. */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"_\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
export function xmlText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  let out = s;
  if (/_x[0-9A-Fa-f]{4}_/.test(out)) out = out.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  if (/[&<>"]/.test(out)) out = out.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(out))
    // eslint-disable-next-line no-control-regex
    out = out.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (ch) => `_x${ch.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}_`);
  return out;
}

const CHUNK = 1 << 20;

/** Spare chunks for the sinks of one workbook: given back once a compressor has read them. */
export class ChunkPool {
  private readonly free: Uint8Array[] = [];
  take(): Uint8Array {
    return this.free.pop() ?? new Uint8Array(CHUNK);
  }
  give(chunk: Uint8Array): void {
    if (chunk.length === CHUNK && this.free.length < 16) this.free.push(chunk);
  }
}

/**
 * UTF-8 output written straight into 1 MB byte chunks (no intermediate strings): each full chunk
 * goes to `emit` (a PartCompressor) as soon as it is full.
 */
export class ByteSink {
  /** The current chunk and how much of it is written: a writer may fill it directly after reserve(k). */
  buf: Uint8Array;
  n = 0;
  private readonly enc = new TextEncoder();
  /**
   * `emit(chunk, release)`: the receiver calls release() once it no longer reads the chunk, and the
   * chunk's memory goes back to `pool` for the next ones (fewer fresh megabytes for the collector).
   */
  constructor(
    private readonly emit: (chunk: Uint8Array, release: () => void) => void,
    private readonly pool: ChunkPool = new ChunkPool(),
  ) {
    this.buf = pool.take();
  }
  /** Room for `k` more bytes in the current chunk (k ≤ CHUNK). */
  reserve(k: number): void {
    if (this.n + k > this.buf.length) this.flush();
  }
  flush(): void {
    if (!this.n) return;
    const full = this.buf;
    this.emit(full.subarray(0, this.n), () => this.pool.give(full));
    this.buf = this.pool.take();
    this.n = 0;
  }
  /** Text known to be ASCII (markup, numbers, references). */
  ascii(s: string): void {
    const len = s.length;
    if (this.n + len > this.buf.length) {
      if (len > CHUNK) return this.text(s);
      this.flush();
    }
    const b = this.buf;
    let n = this.n;
    for (let i = 0; i < len; i++) b[n++] = s.charCodeAt(i);
    this.n = n;
  }
  /** Any text, as UTF-8 (lone surrogates become U+FFFD). */
  text(s: string): void {
    let i = 0;
    const len = s.length;
    // ASCII prefix byte by byte; the rest through encodeInto.
    this.reserve(Math.min(len, CHUNK));
    const b = this.buf;
    let n = this.n;
    const lim = Math.min(len, b.length - n);
    for (; i < lim; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      b[n++] = c;
    }
    this.n = n;
    if (i === len) return;
    let rest = i === 0 ? s : s.slice(i);
    for (;;) {
      // encodeInto never splits a character; a chunk needs at least 4 bytes free to progress.
      if (this.buf.length - this.n < 4) this.flush();
      const r = this.enc.encodeInto(rest, this.buf.subarray(this.n));
      this.n += r.written;
      if (r.read === rest.length) return;
      rest = rest.slice(r.read);
      this.flush();
    }
  }
  /** A non-negative integer < 2^31, or any other number through String(). */
  num(v: number): void {
    if (v >= 0 && v < 2147483648 && (v | 0) === v) {
      this.reserve(10);
      const b = this.buf;
      if (v < 10) {
        b[this.n++] = 48 + v;
        return;
      }
      let k = 1;
      for (let x = v; x >= 10; x = (x / 10) | 0) k++;
      let n = this.n + k;
      this.n = n;
      for (let x = v; k > 0; k--) {
        const q = (x / 10) | 0;
        b[--n] = 48 + (x - q * 10);
        x = q;
      }
      return;
    }
    this.ascii(String(v));
  }
  /** Emit what is left. */
  end(): void {
    const full = this.buf;
    if (this.n) this.emit(full.subarray(0, this.n), () => this.pool.give(full));
    else this.pool.give(full);
    this.n = 0;
    this.buf = new Uint8Array(0);
  }
}

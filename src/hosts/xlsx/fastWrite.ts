/**
 * A fast path for writing large workbooks (the summary of hundreds of submissions): excelts renders
 * everything except the cells of the named large sheets (so styles, column widths, conditional
 * formats, filters, print setup, charts stay excelts'), then this module writes those sheets'
 * <sheetData> itself, straight from the WorkbookSpec, and re-zips the parts with the web-standard
 * CompressionStream. No fs, no Node built-ins: runs in Node ≥ 20 and browsers.
 *
 * Strings are written as shared strings (t="s", appended after excelts' own), never as formulas,
 * whatever they start with; formulas only come from CellSpec.f. Shared rather than inline strings by
 * measurement: inline strings (each cell's text UTF-8-encoded where it stands) took more CPU on the
 * 200-file bench summary (6.5–8.6 s against 5.5–6.3 s per render) and made it 10 % larger. Tables of the large sheets become auto filters.
 */
import type { CellSpec, SheetSpec, WorkbookSpec } from '../../core/sheets/spec';
import { columnLetter } from '../../core/sheets/address';
import { fitCellText } from '../../core/sheets/cellText';

const PROBE = '_styles';

interface Entry {
  name: string;
  data: Uint8Array;
}

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

/** Read a stream to its end, collecting its chunks into `into`. */
async function drain(readable: ReadableStream<Uint8Array>, into: Uint8Array[]): Promise<void> {
  const reader = readable.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    into.push(value);
  }
}

async function pipe(data: Uint8Array[], stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  const chunks: Uint8Array[] = [];
  const reading = drain(stream.readable, chunks);
  for (const d of data) await writer.write(d as unknown as BufferSource);
  await writer.close();
  await reading;
  return concatBytes(chunks);
}

function unzip(b: Uint8Array): Promise<Entry[]> {
  let eocd = -1;
  for (let i = b.length - 22; i >= 0; i--)
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 5 && b[i + 3] === 6) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new Error('fastWrite: no zip end record');
  const count = u16(b, eocd + 10);
  let p = u32(b, eocd + 16);
  const dec = new TextDecoder();
  const jobs: Promise<Entry>[] = [];
  for (let k = 0; k < count; k++) {
    const method = u16(b, p + 10);
    const csize = u32(b, p + 20);
    const nameLen = u16(b, p + 28), extraLen = u16(b, p + 30), commentLen = u16(b, p + 32);
    const local = u32(b, p + 42);
    const name = dec.decode(b.subarray(p + 46, p + 46 + nameLen));
    const start = local + 30 + u16(b, local + 26) + u16(b, local + 28);
    const raw = b.subarray(start, start + csize);
    jobs.push(method === 0 ? Promise.resolve({ name, data: raw.slice() }) : pipe([raw], new DecompressionStream('deflate-raw')).then((data) => ({ name, data })));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return Promise.all(jobs);
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** Compresses one zip part as it is written: raw deflate data, CRC-32 and size of the uncompressed bytes. */
export interface PartCompressor {
  write(chunk: Uint8Array): void;
  end(): Promise<{ data: Uint8Array[]; crc: number; size: number }>;
}

/** CRC-32 (zip) of `d`, continuing from `crc` (0 to start). */
export function crc32Update(crc: number, d: Uint8Array): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < d.length; i++) c = CRC_TABLE[(c ^ d[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The web default: CompressionStream('deflate-raw') fed chunk by chunk, CRC-32 here. */
export function streamCompressor(): PartCompressor {
  const stream = new CompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const out: Uint8Array[] = [];
  const reading = drain(stream.readable, out);
  let crc = 0;
  let size = 0;
  let writing: Promise<void> = Promise.resolve();
  return {
    write(chunk) {
      crc = crc32Update(crc, chunk);
      size += chunk.length;
      writing = writing.then(() => writer.write(chunk as unknown as BufferSource));
    },
    async end() {
      await writing;
      await writer.close();
      await reading;
      return { data: out, crc, size };
    },
  };
}

async function zip(entries: { name: string; part: Promise<{ data: Uint8Array[]; crc: number; size: number }> }[]): Promise<Uint8Array> {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const done = await Promise.all(entries.map((e) => e.part));
  entries.forEach((e, i) => {
    const name = enc.encode(e.name);
    const { data: chunks, crc, size } = done[i];
    let csize = 0;
    for (const c of chunks) csize += c.length;
    const lh = new Uint8Array(30 + name.length);
    const v = new DataView(lh.buffer);
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(6, 0x0800, true); // UTF-8 names
    v.setUint16(8, 8, true);
    v.setUint16(10, 0, true);
    v.setUint16(12, 0x21, true);
    v.setUint32(14, crc, true);
    v.setUint32(18, csize, true);
    v.setUint32(22, size, true);
    v.setUint16(26, name.length, true);
    lh.set(name, 30);
    const ch = new Uint8Array(46 + name.length);
    const w = new DataView(ch.buffer);
    w.setUint32(0, 0x02014b50, true);
    w.setUint16(4, 20, true);
    w.setUint16(6, 20, true);
    w.setUint16(8, 0x0800, true);
    w.setUint16(10, 8, true);
    w.setUint16(14, 0x21, true);
    w.setUint32(16, crc, true);
    w.setUint32(20, csize, true);
    w.setUint32(24, size, true);
    w.setUint16(28, name.length, true);
    w.setUint32(42, offset, true);
    ch.set(name, 46);
    parts.push(lh, ...chunks);
    central.push(ch);
    offset += lh.length + csize;
  });
  let csize = 0;
  for (const c of central) csize += c.length;
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, entries.length, true);
  e.setUint16(10, entries.length, true);
  e.setUint32(12, csize, true);
  e.setUint32(16, offset, true);
  const all = [...parts, ...central, end];
  return concatBytes(all);
}

const colLetter = columnLetter;

function parseAddress(a: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(a.trim().toUpperCase());
  if (!m) throw new Error(`Bad cell address: ${a}`);
  let c = 0;
  for (let i = 0; i < m[1].length; i++) c = c * 26 + (m[1].charCodeAt(i) - 64);
  return { col: c, row: Number(m[2]) };
}

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

/** Shared strings added by the fast writer (after the ones excelts wrote). */
class Strings {
  readonly index = new Map<string, number>();
  readonly added: string[] = [];
  constructor(public base: number) {}
  of(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.base + this.added.length;
      this.index.set(s, i);
      this.added.push(s);
    }
    return i;
  }
}

const CHUNK = 1 << 20;

/**
 * UTF-8 output written straight into 1 MB byte chunks (no intermediate strings): each full chunk
 * goes to `emit` (a PartCompressor) as soon as it is full.
 */
class ByteSink {
  /** The current chunk and how much of it is written: a writer may fill it directly after reserve(k). */
  buf = new Uint8Array(CHUNK);
  n = 0;
  private readonly enc = new TextEncoder();
  constructor(private readonly emit: (chunk: Uint8Array) => void) {}
  /** Room for `k` more bytes in the current chunk (k ≤ CHUNK). */
  reserve(k: number): void {
    if (this.n + k > this.buf.length) this.flush();
  }
  flush(): void {
    if (this.n) this.emit(this.buf.subarray(0, this.n));
    this.buf = new Uint8Array(CHUNK);
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
    if (this.n) this.emit(this.buf.subarray(0, this.n));
    this.n = 0;
    this.buf = new Uint8Array(0);
  }
}

/** A block of a large sheet: plain rows, or rows made on demand (a LazyBlock of the summary). */
export interface RowSource {
  at: string;
  count: number;
  /** Width of the rows (for the sheet's dimension). */
  cols: number;
  /** Row i; with `reuse` the cells may be overwritten by the next call (each row is written at once here). */
  row: (i: number, reuse?: boolean) => (CellSpec | null)[];
}

/** Last row and column a sheet's blocks (plain and lazy) and row specs cover. */
function usedRange(sheet: SheetSpec, extra: RowSource[]): { lastRow: number; lastCol: number } {
  let lastRow = 1, lastCol = 1;
  for (const r of sheet.rows ?? []) lastRow = Math.max(lastRow, r.index);
  for (const b of sheet.blocks) {
    if (!b.rows.length) continue;
    const at = parseAddress(b.at);
    lastRow = Math.max(lastRow, at.row + b.rows.length - 1);
    for (const row of b.rows) lastCol = Math.max(lastCol, at.col + row.length - 1);
  }
  for (const b of extra) {
    if (!b.count) continue;
    const at = parseAddress(b.at);
    lastRow = Math.max(lastRow, at.row + b.count - 1);
    lastCol = Math.max(lastCol, at.col + b.cols - 1);
  }
  return { lastRow, lastCol };
}

interface Block {
  row: number;
  col: number;
  count: number;
  get: (i: number) => (CellSpec | null)[];
}

/** The bytes of ASCII text. */
function asciiBytes(s: string): Uint8Array {
  const a = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) a[i] = s.charCodeAt(i);
  return a;
}

/** Copy `a` into `b` at `n` (room reserved); the new end. A loop: the pieces are a few bytes long. */
function put(b: Uint8Array, n: number, a: Uint8Array): number {
  const len = a.length;
  for (let i = 0; i < len; i++) b[n + i] = a[i];
  return n + len;
}

/** Decimal digits of a non-negative integer < 2^31 into `b` at `n`; the new end. */
function putInt(b: Uint8Array, n: number, v: number): number {
  if (v < 10) {
    b[n] = 48 + v;
    return n + 1;
  }
  let k = 1;
  for (let x = v; x >= 10; x = (x / 10) | 0) k++;
  let e = n + k;
  for (let x = v; e > n; ) {
    const q = (x / 10) | 0;
    b[--e] = 48 + (x - q * 10);
    x = q;
  }
  return n + k;
}

/** Most bytes a cell with a shared string, number or boolean takes: `<c r="XFD1048576" s="N" t="b"><v>` + String(number) + `</v></c>`. */
const CELL_MAX = 128;
const CLOSE_V = asciiBytes('</v></c>');
const BOOL_TRUE = asciiBytes(' t="b"><v>1</v></c>');
const BOOL_FALSE = asciiBytes(' t="b"><v>0</v></c>');

/** Write the <sheetData> of a sheet: its blocks (plain and lazy), swept row by row. */
function writeSheetData(out: ByteSink, sheet: SheetSpec, extra: RowSource[], styles: Map<string, StyleTags>, strings: Strings): void {
  const blocks: Block[] = [
    ...sheet.blocks.map((b) => {
      const at = parseAddress(b.at);
      return { row: at.row, col: at.col, count: b.rows.length, get: (i: number) => b.rows[i] };
    }),
    ...extra.map((b) => {
      const at = parseAddress(b.at);
      return { row: at.row, col: at.col, count: b.count, get: (i: number) => b.row(i, true) };
    }),
  ].filter((b) => b.count > 0);
  blocks.sort((a, b) => a.col - b.col || a.row - b.row);
  const rowSpec = new Map((sheet.rows ?? []).map((r) => [r.index, r]));
  const maxRow = Math.max(0, ...blocks.map((b) => b.row + b.count - 1), ...rowSpec.keys());
  const minRow = Math.min(maxRow + 1, ...blocks.map((b) => b.row), ...rowSpec.keys());
  // '<c r="' + column letters, per column (grown on demand).
  const cellOpen: Uint8Array[] = [];
  const open = (j: number) => cellOpen[j] ?? (cellOpen[j] = asciiBytes(`<c r="${colLetter(j)}`));
  const last: ColumnCache = { s: [], i: [], style: [], tags: [] };
  // The row number's digits, rewritten for each row.
  const digits = new Uint8Array(16);
  out.ascii('<sheetData>');
  for (let r = minRow; r <= maxRow; r++) {
    const spec = rowSpec.get(r);
    let any = !!spec;
    if (!any) for (const b of blocks) if (r >= b.row && r < b.row + b.count) any = true;
    if (!any) continue;
    out.ascii('<row r="');
    out.num(r);
    if (spec?.height !== undefined) {
      out.ascii('" ht="');
      out.ascii(String(spec.height));
      out.ascii('" customHeight="1');
    }
    if (spec?.hidden) out.ascii('" hidden="1');
    out.ascii('">');
    const rs = digits.subarray(0, putInt(digits, 0, r));
    for (const b of blocks) {
      if (r < b.row || r >= b.row + b.count) continue;
      const cells = b.get(r - b.row);
      for (let j = 0; j < cells.length; j++) {
        const c = cells[j];
        if (c) writeCell(out, open(b.col + j), rs, c, styles, strings, last, b.col + j);
      }
    }
    out.ascii('</row>');
  }
  out.ascii('</sheetData>');
}

/** The markup after a cell's reference, per style: `" s="N"` and what follows it for each kind of cell, as bytes. */
interface StyleTags {
  /** `" s="N"` (or `"` for the default style). */
  attr: Uint8Array;
  /** A styled empty cell (`" s="N"/>`), or null when the style is the default (no cell written). */
  empty: Uint8Array | null;
  num: Uint8Array;
  str: Uint8Array;
}

function styleTags(index: number): StyleTags {
  const attr = index ? `" s="${index}"` : '"';
  return { attr: asciiBytes(attr), empty: index ? asciiBytes(`${attr}/>`) : null, num: asciiBytes(`${attr}><v>`), str: asciiBytes(`${attr} t="s"><v>`) };
}

const DEFAULT_TAGS = styleTags(0);

/** Per column: the last string written and its shared-string index, the last style name and its tags. */
interface ColumnCache {
  s: string[];
  i: number[];
  style: (string | undefined)[];
  tags: StyleTags[];
}

/**
 * One cell (`open`: `<c r="` and its column letters; `r`: its row number's digits), straight into
 * the sink's bytes: every piece but a formula's text is ASCII and short, so the room for the whole
 * cell is reserved once.
 */
function writeCell(out: ByteSink, open: Uint8Array, r: Uint8Array, c: CellSpec, styles: Map<string, StyleTags>, strings: Strings, last: ColumnCache, j: number): void {
  let st: StyleTags;
  if (last.style[j] === c.s && last.tags[j] !== undefined) st = last.tags[j];
  else {
    st = c.s !== undefined ? styles.get(c.s) ?? DEFAULT_TAGS : DEFAULT_TAGS;
    last.style[j] = c.s;
    last.tags[j] = st;
  }
  out.reserve(CELL_MAX);
  const b = out.buf;
  let n = out.n;
  if (c.f !== undefined && c.f !== '') {
    n = put(b, n, open);
    n = put(b, n, r);
    n = put(b, n, st.attr);
    out.n = n;
    out.ascii('><f>');
    out.text(xmlText(c.f.replace(/^=/, '')));
    out.ascii('</f></c>');
    return;
  }
  const v = c.v;
  if (v === undefined || v === null || v === '') {
    if (!st.empty) return;
    n = put(b, n, open);
    n = put(b, n, r);
    out.n = put(b, n, st.empty);
    return;
  }
  n = put(b, n, open);
  n = put(b, n, r);
  if (typeof v === 'string') {
    let k: number;
    if (last.s[j] === v) k = last.i[j];
    else {
      k = strings.of(v);
      last.s[j] = v;
      last.i[j] = k;
    }
    n = put(b, n, st.str);
    n = putInt(b, n, k);
    out.n = put(b, n, CLOSE_V);
  } else if (typeof v === 'number') {
    if (Number.isFinite(v)) {
      n = put(b, n, st.num);
      if (v >= 0 && v < 2147483648 && (v | 0) === v) n = putInt(b, n, v);
      else {
        // String(v) of a finite number: at most 24 ASCII characters
        const t = String(v);
        for (let i = 0; i < t.length; i++) b[n++] = t.charCodeAt(i);
      }
      out.n = put(b, n, CLOSE_V);
    } else {
      n = put(b, n, st.attr);
      out.n = n;
      out.ascii(' t="inlineStr"><is><t>');
      out.ascii(String(v));
      out.ascii('</t></is></c>');
    }
  } else {
    n = put(b, n, st.attr);
    out.n = put(b, n, v ? BOOL_TRUE : BOOL_FALSE);
  }
}

/** Map sheet name → part path, from workbook.xml and its rels. */
function sheetParts(files: Map<string, Uint8Array>): Map<string, string> {
  const dec = new TextDecoder();
  const wb = dec.decode(files.get('xl/workbook.xml'));
  const rels = dec.decode(files.get('xl/_rels/workbook.xml.rels'));
  const target = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /Id="([^"]+)"/.exec(m[0])?.[1];
    const t = /Target="([^"]+)"/.exec(m[0])?.[1];
    if (id && t) target.set(id, t.startsWith('/') ? t.slice(1) : 'xl/' + t);
  }
  const out = new Map<string, string>();
  const unesc = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(m[0])?.[1];
    const rid = /r:id="([^"]+)"/.exec(m[0])?.[1];
    if (name && rid && target.has(rid)) out.set(unesc(name), target.get(rid)!);
  }
  return out;
}

export interface FastWriteOptions {
  /**
   * A compressor per zip part, fed as the part is written (e.g. Node's zlib, chunks deflated in its
   * thread pool while the next ones are written); default streamCompressor (CompressionStream).
   */
  compressor?: () => PartCompressor;
  /** Blocks of the large sheets made on demand, by sheet name, written after the sheet's own blocks. */
  lazy?: Map<string, RowSource[]>;
}

/**
 * Render `spec` with `render` (the excelts host), writing the cells of the `large` sheets here.
 * The result has one more very hidden sheet, "_styles" (the style probe: one cell per style name).
 */
export async function renderWorkbookFast(spec: WorkbookSpec, large: string[], render: (spec: WorkbookSpec) => Promise<Uint8Array>, options: FastWriteOptions = {}): Promise<Uint8Array> {
  const big = new Set(large);
  const names = Object.keys(spec.styles);
  const newPart = options.compressor ?? streamCompressor;
  const light: WorkbookSpec = {
    ...spec,
    sheets: [
      ...spec.sheets.map((s) => {
        if (!big.has(s.name)) return s;
        const filter = s.autoFilter ?? (s.tables && s.tables.length ? s.tables[0].range : undefined);
        return { ...s, blocks: [], rows: [], tables: [], autoFilter: filter };
      }),
      { name: PROBE, state: 'veryHidden', columns: [], blocks: [{ at: 'A1', rows: names.map((n) => [{ v: n, s: n }]) }], formats: [], merges: [], validations: [], conditionalFormats: [] },
    ],
  };
  const entries = await unzip(await render(light));
  const files = new Map(entries.map((e) => [e.name, e.data]));
  const parts = sheetParts(files);
  const dec = new TextDecoder();
  const enc = new TextEncoder();
  // Style name → its cell markup (cellXfs index from the probe sheet).
  const styles = new Map<string, StyleTags>();
  const probe = dec.decode(files.get(parts.get(PROBE)!));
  for (const m of probe.matchAll(/<c\b([^>]*?)\/?>/g)) {
    const r = /\br="A(\d+)"/.exec(m[1]);
    if (!r) continue;
    const s = /\bs="(\d+)"/.exec(m[1]);
    const idx = s ? Number(s[1]) : 0;
    styles.set(names[Number(r[1]) - 1], styleTags(idx));
  }
  const sstXml = files.has('xl/sharedStrings.xml') ? dec.decode(files.get('xl/sharedStrings.xml')) : null;
  const sstBase = sstXml ? (sstXml.match(/<si>|<si\/>/g) ?? []).length : 0;
  const strings = new Strings(sstBase);
  const out: { name: string; part: Promise<{ data: Uint8Array[]; crc: number; size: number }> }[] = [];
  const whole = (name: string, data: Uint8Array) => {
    const c = newPart();
    c.write(data);
    out.push({ name, part: c.end() });
  };
  for (const e of entries) {
    if (e.name === 'xl/sharedStrings.xml') continue;
    const sheet = spec.sheets.find((s) => big.has(s.name) && parts.get(s.name) === e.name);
    if (!sheet) {
      let data = e.data;
      // Register the new shared strings part when excelts wrote none.
      if (!sstXml && e.name === '[Content_Types].xml') data = enc.encode(dec.decode(data).replace('</Types>', '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'));
      if (!sstXml && e.name === 'xl/_rels/workbook.xml.rels') data = enc.encode(dec.decode(data).replace('</Relationships>', '<Relationship Id="rIdFastSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'));
      whole(e.name, data);
      continue;
    }
    const xml = dec.decode(e.data);
    const m = /<sheetData\s*\/>|<sheetData\b[^>]*>[\s\S]*?<\/sheetData>/.exec(xml);
    if (!m) throw new Error(`fastWrite: no sheetData in ${e.name}`);
    const lazy = options.lazy?.get(sheet.name) ?? [];
    const range = usedRange(sheet, lazy);
    const c = newPart();
    const head = xml.slice(0, m.index).replace(/<dimension ref="[^"]*"\s*\/>/, `<dimension ref="A1:${colLetter(range.lastCol)}${range.lastRow}"/>`);
    c.write(enc.encode(head));
    // Rows go to the compressor chunk by chunk as they are written.
    const sink = new ByteSink((chunk) => c.write(chunk));
    writeSheetData(sink, sheet, lazy, styles, strings);
    sink.text(xml.slice(m.index + m[0].length));
    sink.end();
    out.push({ name: e.name, part: c.end() });
  }
  // Shared strings: excelts' first, then ours.
  const total = sstBase + strings.added.length;
  const headEnd = sstXml ? sstXml.indexOf('>', sstXml.indexOf('<sst')) + 1 : 0;
  const sstHead = sstXml
    ? sstXml.slice(0, headEnd).replace(/\scount="\d+"/, '').replace(/\suniqueCount="\d+"/, '').replace(/>$/, ` count="${total}" uniqueCount="${total}">`)
    : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${total}" uniqueCount="${total}">`;
  const sstBody = sstXml ? sstXml.slice(headEnd, sstXml.lastIndexOf('</sst>')) : '';
  {
    const c = newPart();
    const sink = new ByteSink((chunk) => c.write(chunk));
    sink.text(sstHead + sstBody);
    for (const str of strings.added) {
      sink.ascii('<si><t xml:space="preserve">');
      sink.text(xmlText(fitCellText(str)));
      sink.ascii('</t></si>');
    }
    sink.ascii('</sst>');
    sink.end();
    out.push({ name: 'xl/sharedStrings.xml', part: c.end() });
  }
  return zip(out);
}

/** One Uint8Array holding the given chunks in order. */
function concatBytes(chunks: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

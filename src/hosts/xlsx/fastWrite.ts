/**
 * A fast path for writing large workbooks (the summary of hundreds of submissions): excelts renders
 * everything except the cells of the named large sheets (so styles, column widths, conditional
 * formats, filters, print setup, charts stay excelts'), then this module writes those sheets'
 * <sheetData> itself, straight from the WorkbookSpec, and re-zips the parts with the web-standard
 * CompressionStream. No fs, no Node built-ins: runs in Node ≥ 20 and browsers.
 *
 * Strings are written as shared strings (t="s", appended after excelts' own), never as formulas,
 * whatever they start with; formulas only come from CellSpec.f. Tables of the large sheets become auto filters.
 */
import type { CellSpec, SheetSpec, WorkbookSpec } from '../../core/sheets/spec';
import { columnLetter } from '../../core/sheets/address';

const PROBE = '_styles';

interface Entry {
  name: string;
  data: Uint8Array;
}

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

async function pipe(data: Uint8Array[], stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  const chunks: Uint8Array[] = [];
  const reading = (async () => {
    const reader = stream.readable.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
  })();
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

function crc32(chunks: Uint8Array[]): number {
  let c = 0xffffffff;
  for (const d of chunks) for (let i = 0; i < d.length; i++) c = CRC_TABLE[(c ^ d[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

async function zip(entries: { name: string; chunks: Uint8Array[] }[], deflateRaw?: (chunks: Uint8Array[]) => Promise<Uint8Array>, crc?: (chunks: Uint8Array[]) => number): Promise<Uint8Array> {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const crcFn = crc;
  const compressed = await Promise.all(entries.map((e) => (deflateRaw ? deflateRaw(e.chunks) : pipe(e.chunks, new CompressionStream('deflate-raw')))));
  entries.forEach((e, i) => {
    const name = enc.encode(e.name);
    let size = 0;
    for (const c of e.chunks) size += c.length;
    const crc = (crcFn ?? crc32)(e.chunks);
    const data = compressed[i];
    const lh = new Uint8Array(30 + name.length);
    const v = new DataView(lh.buffer);
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(6, 0x0800, true); // UTF-8 names
    v.setUint16(8, 8, true);
    v.setUint16(10, 0, true);
    v.setUint16(12, 0x21, true);
    v.setUint32(14, crc, true);
    v.setUint32(18, data.length, true);
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
    w.setUint32(20, data.length, true);
    w.setUint32(24, size, true);
    w.setUint16(28, name.length, true);
    w.setUint32(42, offset, true);
    ch.set(name, 46);
    parts.push(lh, data);
    central.push(ch);
    offset += lh.length + data.length;
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

function cellXml(ref: string, c: CellSpec, styleIndex: Map<string, number>, strings: Strings): string {
  const s = c.s !== undefined ? styleIndex.get(c.s) : undefined;
  const sa = s ? ` s="${s}"` : '';
  if (c.f !== undefined && c.f !== '') return `<c r="${ref}"${sa}><f>${xmlText(c.f.replace(/^=/, ''))}</f></c>`;
  const v = c.v;
  if (v === undefined || v === null) return sa ? `<c r="${ref}"${sa}/>` : '';
  if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"${sa}><v>${v}</v></c>` : `<c r="${ref}"${sa} t="inlineStr"><is><t>${String(v)}</t></is></c>`;
  if (typeof v === 'boolean') return `<c r="${ref}"${sa} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (v === '') return sa ? `<c r="${ref}"${sa}/>` : '';
  return `<c r="${ref}"${sa} t="s"><v>${strings.of(v)}</v></c>`;
}

/** The <sheetData> of a sheet spec, as UTF-8 chunks. Blocks are swept row by row (no per-cell maps). */
function sheetDataChunks(sheet: SheetSpec, styleIndex: Map<string, number>, strings: Strings): { chunks: Uint8Array[]; lastRow: number; lastCol: number } {
  const enc = new TextEncoder();
  const blocks = sheet.blocks.map((b) => ({ at: parseAddress(b.at), rows: b.rows })).filter((b) => b.rows.length);
  const rowSpec = new Map((sheet.rows ?? []).map((r) => [r.index, r]));
  let lastCol = 1;
  for (const b of blocks) for (const row of b.rows) if (b.at.col + row.length - 1 > lastCol) lastCol = b.at.col + row.length - 1;
  const letters: string[] = [];
  for (let j = 1; j <= lastCol + 1; j++) letters[j] = colLetter(j);
  // Rows that hold anything: block ranges and row specs.
  const starts = new Set<number>();
  for (const b of blocks) starts.add(b.at.row);
  const maxRow = Math.max(0, ...blocks.map((b) => b.at.row + b.rows.length - 1), ...rowSpec.keys());
  const minRow = Math.min(maxRow + 1, ...blocks.map((b) => b.at.row), ...rowSpec.keys());
  const chunks: Uint8Array[] = [enc.encode('<sheetData>')];
  let buf = '';
  for (let r = minRow; r <= maxRow; r++) {
    const active = blocks.filter((b) => r >= b.at.row && r < b.at.row + b.rows.length);
    const spec = rowSpec.get(r);
    if (!active.length && !spec) continue;
    let attrs = '';
    if (spec?.height !== undefined) attrs += ` ht="${spec.height}" customHeight="1"`;
    if (spec?.hidden) attrs += ' hidden="1"';
    buf += `<row r="${r}"${attrs}>`;
    if (active.length > 1) active.sort((a, b) => a.at.col - b.at.col);
    for (const b of active) {
      const row = b.rows[r - b.at.row];
      for (let j = 0; j < row.length; j++) {
        const c = row[j];
        if (c) buf += cellXml(letters[b.at.col + j] + r, c, styleIndex, strings);
      }
    }
    buf += '</row>';
    if (buf.length > 1 << 20) {
      chunks.push(enc.encode(buf));
      buf = '';
    }
  }
  buf += '</sheetData>';
  chunks.push(enc.encode(buf));
  return { chunks, lastRow: Math.max(1, maxRow), lastCol };
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

/**
 * Render `spec` with `render` (the excelts host), writing the cells of the `large` sheets here.
 * The result has one more very hidden sheet, "_styles" (the style probe: one cell per style name).
 */
export interface FastWriteOptions {
  /** A faster raw-deflate for the large parts (e.g. Node's zlib at level 1); default CompressionStream. */
  deflateRaw?: (chunks: Uint8Array[]) => Promise<Uint8Array>;
  /** A faster CRC-32 (e.g. Node's zlib.crc32); default a table-driven one here. */
  crc32?: (chunks: Uint8Array[]) => number;
}

export async function renderWorkbookFast(spec: WorkbookSpec, large: string[], render: (spec: WorkbookSpec) => Promise<Uint8Array>, options: FastWriteOptions = {}): Promise<Uint8Array> {
  const big = new Set(large);
  const names = Object.keys(spec.styles);
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
  // Style name → cellXfs index, from the probe sheet.
  const styleIndex = new Map<string, number>();
  const probe = dec.decode(files.get(parts.get(PROBE)!));
  for (const m of probe.matchAll(/<c\b([^>]*?)\/?>/g)) {
    const r = /\br="A(\d+)"/.exec(m[1]);
    if (!r) continue;
    const s = /\bs="(\d+)"/.exec(m[1]);
    styleIndex.set(names[Number(r[1]) - 1], s ? Number(s[1]) : 0);
  }
  const sstXml = files.has('xl/sharedStrings.xml') ? dec.decode(files.get('xl/sharedStrings.xml')) : null;
  const sstBase = sstXml ? (sstXml.match(/<si>|<si\/>/g) ?? []).length : 0;
  const strings = new Strings(sstBase);
  const out: { name: string; chunks: Uint8Array[] }[] = [];
  for (const e of entries) {
    if (e.name === 'xl/sharedStrings.xml') continue;
    const sheet = spec.sheets.find((s) => big.has(s.name) && parts.get(s.name) === e.name);
    if (!sheet) {
      out.push({ name: e.name, chunks: [e.data] });
      continue;
    }
    const xml = dec.decode(e.data);
    const m = /<sheetData\s*\/>|<sheetData\b[^>]*>[\s\S]*?<\/sheetData>/.exec(xml);
    if (!m) throw new Error(`fastWrite: no sheetData in ${e.name}`);
    const data = sheetDataChunks(sheet, styleIndex, strings);
    let head = xml.slice(0, m.index);
    head = head.replace(/<dimension ref="[^"]*"\s*\/>/, `<dimension ref="A1:${colLetter(data.lastCol)}${data.lastRow}"/>`);
    out.push({ name: e.name, chunks: [enc.encode(head), ...data.chunks, enc.encode(xml.slice(m.index + m[0].length))] });
  }
  // Shared strings: excelts' first, then ours.
  const sstChunks: Uint8Array[] = [];
  const total = sstBase + strings.added.length;
  const headEnd = sstXml ? sstXml.indexOf('>', sstXml.indexOf('<sst')) + 1 : 0;
  const sstHead = sstXml
    ? sstXml.slice(0, headEnd).replace(/\scount="\d+"/, '').replace(/\suniqueCount="\d+"/, '').replace(/>$/, ` count="${total}" uniqueCount="${total}">`)
    : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${total}" uniqueCount="${total}">`;
  const sstBody = sstXml ? sstXml.slice(headEnd, sstXml.lastIndexOf('</sst>')) : '';
  sstChunks.push(enc.encode(sstHead + sstBody));
  let buf = '';
  for (const str of strings.added) {
    buf += `<si><t xml:space="preserve">${xmlText(str)}</t></si>`;
    if (buf.length > 1 << 20) {
      sstChunks.push(enc.encode(buf));
      buf = '';
    }
  }
  sstChunks.push(enc.encode(buf + '</sst>'));
  out.push({ name: 'xl/sharedStrings.xml', chunks: sstChunks });
  if (!sstXml) {
    // Register the new part (content type and workbook relationship).
    const ct = out.find((o) => o.name === '[Content_Types].xml')!;
    ct.chunks = [enc.encode(dec.decode(concat(ct.chunks)).replace('</Types>', '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))];
    const rels = out.find((o) => o.name === 'xl/_rels/workbook.xml.rels')!;
    rels.chunks = [enc.encode(dec.decode(concat(rels.chunks)).replace('</Relationships>', '<Relationship Id="rIdFastSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'))];
  }
  return zip(out, options.deflateRaw, options.crc32);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  return concatBytes(chunks);
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

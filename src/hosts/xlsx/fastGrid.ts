/**
 * A fast path for reading submissions: parse only the parts a plan workbook needs (workbook,
 * relationships, shared strings, styles' date formats, and the sheets asked for) straight from the
 * zip, with web-standard DecompressionStream('deflate-raw') (Node ≥ 20 and browsers).
 * Values match excelts' reading: cached formula results, rich text as plain text, dates as Date
 * (UTC) when the cell has a date format, merged slaves null; a formula without a value (no <v>, or
 * an empty one as openpyxl writes) is `{ formula }`, never 0. Returns null whenever it meets
 * something it does not handle (zip64, encryption, missing cell refs, no DecompressionStream), so
 * the caller falls back to the full excelts load.
 */
import type { GridSheet } from '../../core/sheets/readGrid';
import { corePropsPath, savedAtOf } from './savedTime';
import { DEFAULT_LIMITS, LimitExceeded, RATIO_MIN_BYTES } from '../../core/limits';
import type { ReadLimits } from '../../core/limits';
import { compactSheet } from './sheetScan';

/** Inflated bytes of a sheet from which it is compacted before decoding (smaller ones: not worth the pass). */
const COMPACT_FROM = 4 * 1024 * 1024;

/** A part declares a DTD or entities (<!DOCTYPE>, <!ENTITY>): no workbook of Excel, WPS or LibreOffice does. */
export class DtdDeclared extends Error {
  constructor(readonly part: string) {
    super(`DTD or entity declaration in ${part}`);
    this.name = 'DtdDeclared';
  }
}

interface Entry {
  method: number;
  flags: number;
  csize: number;
  /** Uncompressed size as the directory declares it (may lie: inflating is capped too). */
  usize: number;
  offset: number;
}

function u16(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8);
}
function u32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
}

/**
 * The zip directory, checked against the limits before anything is inflated: number of entries,
 * declared uncompressed size of each part and of all, compression ratio. Throws LimitExceeded;
 * null when it is not a zip this reader handles (zip64, damaged).
 */
export function directory(b: Uint8Array, limits: ReadLimits = DEFAULT_LIMITS): Map<string, Entry> | null {
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65557); i--)
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 5 && b[i + 3] === 6) {
      eocd = i;
      break;
    }
  if (eocd < 0) return null;
  const count = u16(b, eocd + 10);
  let p = u32(b, eocd + 16);
  if (count === 0xffff || p === 0xffffffff) return null; // zip64
  if (count > limits.zipEntries) throw new LimitExceeded('zipEntries', count, limits.zipEntries);
  const dec = new TextDecoder('utf-8');
  const out = new Map<string, Entry>();
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) return null;
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const csize = u32(b, p + 20);
    const usize = u32(b, p + 24);
    const nameLen = u16(b, p + 28), extraLen = u16(b, p + 30), commentLen = u16(b, p + 32);
    const offset = u32(b, p + 42);
    if (csize === 0xffffffff || offset === 0xffffffff) return null;
    const name = dec.decode(b.subarray(p + 46, p + 46 + nameLen));
    checkSizes(name, usize, csize, (total += usize), limits, false);
    out.set(name, { method, flags, csize, usize, offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** One part's size (declared or inflated) against the limits; `total` is the running sum of the file's parts. */
function checkSizes(name: string, usize: number, csize: number, total: number, limits: ReadLimits, atLeast: boolean): void {
  if (usize > limits.partBytes) throw new LimitExceeded('partBytes', usize, limits.partBytes, name, atLeast);
  if (total > limits.totalBytes) throw new LimitExceeded('totalBytes', total, limits.totalBytes, '', atLeast);
  if (usize >= RATIO_MIN_BYTES && usize > csize * limits.compressionRatio) throw new LimitExceeded('compressionRatio', usize / Math.max(1, csize), limits.compressionRatio, name, atLeast);
}

/**
 * Raw-inflate one zip entry, giving up past `maxOutputLength` bytes (a declared size may lie):
 * DecompressionStream by default; a host may give a faster one (Node's zlib, with its
 * maxOutputLength). An inflate that ignores the cap is checked after. `sizeHint`: the size the zip
 * directory declares (it may lie), for an inflate that can size its output buffer once.
 */
export type Inflate = (data: Uint8Array, maxOutputLength?: number, sizeHint?: number) => Uint8Array | Promise<Uint8Array>;

/** Thrown by an Inflate past its maxOutputLength. */
export class InflateTooLarge extends Error {
  constructor(readonly size: number) {
    super(`inflated past ${size} bytes`);
    this.name = 'InflateTooLarge';
  }
}

async function inflateStream(data: Uint8Array, maxOutputLength = Infinity): Promise<Uint8Array> {
  const ds = new DecompressionStream('deflate-raw');
  const reader = new Blob([data as BlobPart]).stream().pipeThrough(ds).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxOutputLength) {
      void reader.cancel();
      throw new InflateTooLarge(size);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Inflated bytes of a part, read so far in this file (the total limit). */
interface Budget {
  used: number;
}

async function entryBytes(b: Uint8Array, name: string, e: Entry, inflate: Inflate, limits: ReadLimits, budget: Budget): Promise<Uint8Array> {
  if (e.flags & 1) throw new Error('encrypted entry');
  const lh = e.offset;
  if (u32(b, lh) !== 0x04034b50) throw new Error('bad local header');
  const start = lh + 30 + u16(b, lh + 26) + u16(b, lh + 28);
  const raw = b.subarray(start, start + e.csize);
  // The cap: this part's limit, the file's remaining budget, and what the ratio allows.
  const max = Math.min(limits.partBytes, limits.totalBytes - budget.used, Math.max(RATIO_MIN_BYTES, raw.length * limits.compressionRatio));
  let data: Uint8Array | null;
  try {
    data = e.method === 0 ? raw : e.method === 8 ? await inflate(raw, max, e.usize) : null;
  } catch (err) {
    if (err instanceof InflateTooLarge || (err as { code?: string })?.code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      checkSizes(name, max + 1, raw.length, budget.used + max + 1, limits, true);
    }
    throw err;
  }
  if (!data) throw new Error('unsupported compression');
  budget.used += data.length;
  checkSizes(name, data.length, raw.length, budget.used, limits, false);
  return data;
}

async function entryText(b: Uint8Array, name: string, e: Entry, inflate: Inflate, limits: ReadLimits, budget: Budget, prepare?: (data: Uint8Array) => Uint8Array): Promise<string> {
  let data = await entryBytes(b, name, e, inflate, limits, budget);
  if (declaresDtd(data)) throw new DtdDeclared(name);
  // a stored part is a view of the file's bytes: prepared (edited in place) on a copy
  if (prepare) data = prepare(data.buffer === b.buffer ? data.slice() : data);
  return new TextDecoder('utf-8').decode(data);
}

const DOCTYPE = [68, 79, 67, 84, 89, 80, 69];
const ENTITY_WORD = [69, 78, 84, 73, 84, 89];
/** Whether `d` has `word` (ASCII codes) at `at`. */
function bytesAt(d: Uint8Array, at: number, word: number[]): boolean {
  if (at + word.length > d.length) return false;
  for (let k = 0; k < word.length; k++) if (d[at + k] !== word[k]) return false;
  return true;
}

/**
 * Whether a part's UTF-8 bytes hold "<!DOCTYPE" or "<!ENTITY", in one pass before decoding: by its
 * "!" (rare but in formulas' sheet references), where the text's indexOf("<!") stopped at every "<".
 * ASCII bytes never occur inside a multi-byte UTF-8 character, so this is what the decoded text holds.
 */
export function declaresDtd(d: Uint8Array): boolean {
  for (let i = d.indexOf(33, 1); i >= 0; i = d.indexOf(33, i + 1)) if (d[i - 1] === 60 && (bytesAt(d, i + 1, DOCTYPE) || bytesAt(d, i + 1, ENTITY_WORD))) return true;
  return false;
}

/**
 * Every part of the zip inflated within the limits (and XML parts checked for DTDs), output
 * dropped: what a full reader (excelts) is given only after this passed. Throws LimitExceeded or
 * DtdDeclared; false when the zip is not one this reader can walk (the full reader decides).
 */
export async function checkZip(bytes: Uint8Array, limits: ReadLimits = DEFAULT_LIMITS, inflate: Inflate = inflateStream): Promise<boolean> {
  const dir = directory(bytes, limits);
  if (!dir) return false;
  const budget: Budget = { used: 0 };
  for (const [name, e] of dir) {
    if (/\.(xml|rels|vml)$/i.test(name)) await entryText(bytes, name, e, inflate, limits, budget);
    else await entryBytes(bytes, name, e, inflate, limits, budget);
  }
  return true;
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ESCAPE_RE = /_x([0-9a-fA-F]{4})_/g;
export function decodeXml(s: string): string {
  let amp = s.indexOf('&');
  const esc = s.indexOf('_x') >= 0;
  if (amp < 0 && !esc) return s;
  let out = s;
  if (amp >= 0) {
    // Entities by indexOf (formulas are full of &apos; and &quot;): the text between them copied in slices.
    out = '';
    let from = 0;
    while (amp >= 0) {
      const semi = s.indexOf(';', amp + 1);
      if (semi < 0 || semi - amp > 12) {
        amp = s.indexOf('&', amp + 1);
        continue;
      }
      const name = s.slice(amp + 1, semi);
      let ch: string | undefined = ENTITY[name];
      if (ch === undefined && name.charCodeAt(0) === 35) {
        const hex = name.charCodeAt(1) === 120;
        const digits = name.slice(hex ? 2 : 1);
        if (digits && (hex ? /^[0-9a-fA-F]+$/ : /^\d+$/).test(digits)) {
          const cp = parseInt(digits, hex ? 16 : 10);
          if (cp <= 0x10ffff) ch = String.fromCodePoint(cp);
        }
      }
      if (ch !== undefined) {
        out += s.slice(from, amp) + ch;
        from = semi + 1;
        amp = s.indexOf('&', from);
      } else amp = s.indexOf('&', amp + 1);
    }
    out += s.slice(from);
  }
  return esc ? out.replace(ESCAPE_RE, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : out;
}

const ATTR_RE = new Map<string, RegExp>();
function attr(attrs: string, name: string): string | undefined {
  let re = ATTR_RE.get(name);
  if (!re) ATTR_RE.set(name, (re = new RegExp(`(?:^|\\s)${name}="([^"]*)"`)));
  const m = re.exec(attrs);
  return m ? m[1] : undefined;
}

/** r, s and t of a <c> element's attributes in one pass. */
function cellAttrs(attrs: string): { r?: string; s?: string; t?: string } {
  const out: { r?: string; s?: string; t?: string } = {};
  const re = /(\w+)="([^"]*)"/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(attrs))) {
    const k = m[1];
    if (k === 'r' || k === 's' || k === 't') out[k] = m[2];
  }
  return out;
}

/** Concatenated text of every <t> in a fragment, phonetic runs (<rPh>) excluded. */
function textOf(fragment: string): string {
  const f = fragment.indexOf('<rPh') >= 0 ? fragment.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : fragment;
  let out = '';
  const re = /<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>|<(?:\w+:)?t\s*\/>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(f))) if (m[1] !== undefined) out += m[1];
  return decodeXml(out);
}

function sharedStrings(xml: string, max = DEFAULT_LIMITS.sharedStrings): string[] {
  const out = xml.indexOf('<si>') >= 0 ? sharedStringsScan(xml, max) : sharedStringsRegex(xml, max);
  if (out.length > max) throw new LimitExceeded('sharedStrings', out.length, max, 'xl/sharedStrings.xml', true);
  return out;
}

/** Shared strings of an unprefixed part: plain <si><t>…</t></si> items by indexOf, anything else through textOf. */
function sharedStringsScan(xml: string, max: number): string[] {
  const out: string[] = [];
  let p = 0;
  while (out.length <= max) {
    const a = xml.indexOf('<si', p);
    if (a < 0) break;
    const c = xml.charCodeAt(a + 3);
    if (c === 47) {
      // <si/>
      out.push('');
      p = a + 5;
      continue;
    }
    if (c !== 62) {
      p = a + 3;
      continue;
    }
    const b = xml.indexOf('</si>', a);
    if (b < 0) break;
    // The common item: one <t> (maybe with xml:space), nothing else.
    let v: string | null = null;
    if (xml.startsWith('<t', a + 4)) {
      const k = xml.charCodeAt(a + 6);
      if (k === 62 || k === 32) {
        const gt = xml.indexOf('>', a + 6);
        const end = xml.indexOf('</t>', gt);
        if (xml.charCodeAt(gt - 1) !== 47 && end + 4 === b) {
          const text = xml.slice(gt + 1, end);
          if (text.indexOf('<') < 0) v = decodeXml(text);
        }
      }
    }
    out.push(v ?? textOf(xml.slice(a + 4, b)));
    p = b + 5;
  }
  return out;
}

function sharedStringsRegex(xml: string, max: number): string[] {
  const out: string[] = [];
  const re = /<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\s*\/>/g;
  let m: RegExpExecArray | null;
  while (out.length <= max && (m = re.exec(xml))) out.push(m[1] === undefined ? '' : textOf(m[1]));
  return out;
}

const DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
function isDateCode(code: string): boolean {
  const c = code.replace(/"[^"]*"/g, '').replace(/\[(?!h\]|m\]|s\])[^\]]*\]/gi, '').replace(/\\./g, '');
  return /[ymdhs]/i.test(c) && !/^[#0.,%\s]*$/.test(c) && !/General/i.test(c);
}

/** Which cellXfs indexes carry a date format. */
function dateStyles(xml: string | null): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)\/?>/g)) {
    const id = attr(m[1], 'numFmtId');
    const code = attr(m[1], 'formatCode');
    if (id !== undefined && code !== undefined) custom.set(Number(id), decodeXml(code));
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml);
  if (!xfs) return [];
  const out: boolean[] = [];
  for (const m of xfs[1].matchAll(/<(?:\w+:)?xf\b([^>]*?)\/?>/g)) {
    const id = Number(attr(m[1], 'numFmtId') ?? 0);
    const code = custom.get(id);
    out.push(code !== undefined ? isDateCode(code) : DATE_IDS.has(id));
  }
  return out;
}

function colNumber(ref: string): { row: number; col: number } | null {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  let c = 0;
  for (let i = 0; i < m[1].length; i++) c = c * 26 + (m[1].charCodeAt(i) - 64);
  return { row: Number(m[2]), col: c };
}

function serialToDate(serial: number): Date {
  // Excel's 1900 system (with its 1900-02-29), as excelts converts it.
  return new Date(Math.round((serial - 25569) * 86400000));
}

/** Column and row of an A1 reference ("AB12"), scanning chars; null when it is not one. */
function refPos(ref: string): { row: number; col: number } | null {
  let c = 0, i = 0;
  const n = ref.length;
  for (; i < n; i++) {
    const k = ref.charCodeAt(i);
    if (k < 65 || k > 90) break;
    c = c * 26 + (k - 64);
  }
  if (i === 0 || i === n) return null;
  let r = 0;
  for (; i < n; i++) {
    const k = ref.charCodeAt(i);
    if (k < 48 || k > 57) return null;
    r = r * 10 + (k - 48);
  }
  return { row: r, col: c };
}

/** Contents of the first <name>…</name> (or <name attrs>…) in xml[from, to); undefined when absent; `empty` for <name/>. */
function elementText(whole: string, name: string, start: number, end: number, empty: string | undefined = ''): string | undefined {
  // Searched within the cell only: an indexOf over the rest of the sheet for an element the cell
  // does not have (a formula cell without <v>) made reading quadratic in the number of such cells.
  const xml = whole.slice(start, end);
  const from = 0, to = xml.length;
  const open = '<' + name;
  let p = from;
  for (;;) {
    const a = xml.indexOf(open, p);
    if (a < 0 || a >= to) return undefined;
    const k = xml.charCodeAt(a + open.length);
    if (k === 62) {
      const e = xml.indexOf('</' + name + '>', a);
      return e < 0 || e > to ? undefined : xml.slice(a + open.length + 1, e);
    }
    if (k === 32 || k === 47 || k === 9 || k === 10 || k === 13) {
      const gt = xml.indexOf('>', a);
      if (gt < 0 || gt >= to) return undefined;
      if (xml.charCodeAt(gt - 1) === 47) return empty;
      const e = xml.indexOf('</' + name + '>', gt);
      return e < 0 || e > to ? undefined : xml.slice(gt + 1, e);
    }
    p = a + open.length;
  }
}

/**
 * parseSheet for unprefixed XML (what Excel, WPS, LibreOffice and excelts write): the cells of
 * <sheetData> by indexOf and char codes instead of regular expressions. Same values as parseSheetRegex.
 */
/** A cell's value from its type attribute and <v> text: shared string, text, boolean, error, ISO date, or number (a Date when its style is a date format). */
function typedValue(t: string | undefined, v: string, style: string | undefined, sst: string[], dates: boolean[]): unknown {
  if (t === 's') return sst[Number(v)] ?? '';
  if (t === 'str') return decodeXml(v);
  if (t === 'b') return v.trim() === '1' || v.trim() === 'true';
  if (t === 'e') return { error: decodeXml(v) };
  if (t === 'd') {
    // An ISO date cell; text that is no date stays as typed (an Invalid Date would lose it).
    const d = new Date(v);
    return Number.isFinite(d.getTime()) ? d : decodeXml(v);
  }
  const n = Number(v);
  const sx = style === undefined ? 0 : Number(style);
  return Number.isFinite(n) ? (dates[sx] ? serialToDate(n) : n) : decodeXml(v);
}

/** A cell with content within the rows and columns read: else LimitExceeded. */
function inGrid(pos: { row: number; col: number }, limits: ReadLimits): void {
  if (pos.row > limits.rows) throw new LimitExceeded('rows', pos.row, limits.rows);
  if (pos.col > limits.columns) throw new LimitExceeded('columns', pos.col, limits.columns);
}

/** Excel's grid: 1,048,576 rows × 16,384 columns. */
const EXCEL_ROWS = 1_048_576;
const EXCEL_COLUMNS = 16_384;

/**
 * Any cell, even an empty styled one, inside Excel's grid: else LimitExceeded (the file is not what
 * Excel writes). Empty styled cells inside the grid do not count against the rows read: WPS writes
 * a million of them, and they hold nothing.
 */
function inExcelGrid(pos: { row: number; col: number }, limits: ReadLimits): void {
  if (pos.row > EXCEL_ROWS) throw new LimitExceeded('rows', pos.row, Math.min(limits.rows, EXCEL_ROWS));
  if (pos.col > EXCEL_COLUMNS) throw new LimitExceeded('columns', pos.col, Math.min(limits.columns, EXCEL_COLUMNS));
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
/** 114, 115 or 116 for an attribute named r, s or t; else 0. */
const attrCode = (name: string) => (name === 'r' ? 114 : name === 's' ? 115 : name === 't' ? 116 : 0);

function parseSheetScan(xml: string, sst: string[], dates: boolean[], limits: ReadLimits): unknown[][] | null {
  const rows: unknown[][] = [];
  const n = xml.length;
  const ds = xml.indexOf('<sheetData');
  let tail = ds;
  if (ds >= 0) {
    const open = xml.indexOf('>', ds);
    const selfClosed = xml.charCodeAt(open - 1) === 47;
    const end = selfClosed ? open : xml.indexOf('</sheetData>', open);
    if (end < 0) return null;
    tail = end;
    let p = open + 1;
    for (;;) {
      const a = xml.indexOf('<c', p);
      if (a < 0 || a >= end) break;
      const k = xml.charCodeAt(a + 2);
      if (k !== 32 && k !== 62 && k !== 47 && k !== 9 && k !== 10 && k !== 13) {
        p = a + 2;
        continue;
      }
      // Attributes (either quote), to the end of the start tag.
      let r: string | undefined, st: string | undefined, t: string | undefined;
      let i = a + 2;
      let selfClose = false;
      for (;;) {
        let ch = xml.charCodeAt(i);
        while (ch === 32 || ch === 9 || ch === 10 || ch === 13) ch = xml.charCodeAt(++i);
        if (ch === 62) {
          i++;
          break;
        }
        if (ch === 47) {
          selfClose = true;
          i = xml.indexOf('>', i) + 1;
          break;
        }
        if (Number.isNaN(ch)) return null;
        // By char codes, not indexOf: attributes are a few characters long, and a call to indexOf
        // on a two-byte string (a sheet with Chinese formulas) costs more than the scan.
        let eq = i;
        while (eq < n && xml.charCodeAt(eq) !== 61) eq++;
        if (eq >= n) return null;
        let ne = eq;
        while (ne > i && isSpace(xml.charCodeAt(ne - 1))) ne--;
        // r, s or t: a one-letter name (any other name by its trimmed text, as String.trim reads it)
        const which = ne - i === 1 ? xml.charCodeAt(i) : attrCode(xml.slice(i, eq).trim());
        let q = eq + 1;
        while (xml.charCodeAt(q) === 32) q++;
        const quote = xml.charCodeAt(q);
        if (quote !== 34 && quote !== 39) return null;
        let close = q + 1;
        while (close < n && xml.charCodeAt(close) !== quote) close++;
        if (close >= n) return null;
        if (which === 114) r = xml.slice(q + 1, close);
        else if (which === 115) st = xml.slice(q + 1, close);
        else if (which === 116) t = xml.slice(q + 1, close);
        i = close + 1;
      }
      if (!r) return null;
      const pos = refPos(r);
      if (!pos) return null;
      inExcelGrid(pos, limits);
      if (selfClose) {
        p = i;
        continue;
      }
      const ce = xml.indexOf('</c>', i);
      if (ce < 0 || ce > end) return null;
      p = ce + 4;
      if (ce === i) continue;
      let value: unknown = null;
      if (t === 'inlineStr') {
        const is = elementText(xml, 'is', i, ce);
        value = is !== undefined ? textOf(is) : '';
      } else {
        const v = elementText(xml, 'v', i, ce, undefined);
        // An empty <v> is no value (openpyxl writes <f>…</f><v></v>), except the empty text of t="str".
        if (v !== undefined && (v !== '' || t === 'str')) {
          value = typedValue(t, v, st, sst, dates);
        } else {
          const f = elementText(xml, 'f', i, ce);
          if (f === undefined) continue;
          value = { formula: decodeXml(f) };
        }
      }
      inGrid(pos, limits);
      (rows[pos.row - 1] ??= [])[pos.col - 1] = value;
    }
  }
  mergeAndFill(xml.slice(Math.max(0, tail)), rows, limits);
  return rows;
}

function parseSheet(xml: string, sst: string[], dates: boolean[], limits: ReadLimits): unknown[][] | null {
  if (xml.indexOf('<sheetData') >= 0 || xml.indexOf(':sheetData') < 0) return parseSheetScan(xml, sst, dates, limits);
  return parseSheetRegex(xml, sst, dates, limits);
}

function parseSheetRegex(xml: string, sst: string[], dates: boolean[], limits: ReadLimits): unknown[][] | null {
  const rows: unknown[][] = [];
  const data = /<(?:\w+:)?sheetData\b[^>]*>([\s\S]*?)<\/(?:\w+:)?sheetData>/.exec(xml);
  if (data) {
    const re = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(data[1]))) {
      const ca = cellAttrs(m[1]);
      const ref = ca.r;
      if (!ref) return null;
      const pos = colNumber(ref);
      if (!pos) return null;
      inExcelGrid(pos, limits);
      const inner = m[2];
      if (inner === undefined || inner === '') continue;
      const t = ca.t;
      const vm = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/.exec(inner);
      const fm = /<(?:\w+:)?f(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?f>|<(?:\w+:)?f\b[^>]*\/>/.exec(inner);
      let value: unknown = null;
      if (t === 'inlineStr') {
        const is = /<(?:\w+:)?is>([\s\S]*?)<\/(?:\w+:)?is>/.exec(inner);
        value = is ? textOf(is[1]) : '';
      } else if (vm && (vm[1] !== '' || t === 'str')) {
        value = typedValue(t, vm[1], ca.s, sst, dates);
      } else if (fm) {
        value = { formula: decodeXml(fm[1] ?? '') };
      } else continue;
      inGrid(pos, limits);
      (rows[pos.row - 1] ??= [])[pos.col - 1] = value;
    }
  }
  mergeAndFill(xml, rows, limits);
  return rows;
}

/**
 * Merged areas (only the top-left cell holds the value) and holes as null. A merged range is
 * clipped to the cells read (A1:XFD1048576 costs what the used range costs); the same range given
 * twice is done once; past limits.mergedRanges distinct ranges: LimitExceeded.
 */
function mergeAndFill(xml: string, rows: unknown[][], limits: ReadLimits = DEFAULT_LIMITS): void {
  const seen = new Set<string>();
  for (const m of xml.matchAll(/<(?:\w+:)?mergeCell\b[^>]*ref="([A-Z]+\d+):([A-Z]+\d+)"/g)) {
    const key = m[1] + ':' + m[2];
    if (seen.has(key)) continue;
    seen.add(key);
    if (seen.size > limits.mergedRanges) throw new LimitExceeded('mergedRanges', seen.size, limits.mergedRanges, '', true);
    const a = colNumber(m[1]), b = colNumber(m[2]);
    if (!a || !b) continue;
    const lastRow = Math.min(b.row, rows.length);
    for (let r = a.row; r <= lastRow; r++) {
      const row = rows[r - 1];
      if (!row) continue;
      const lastCol = Math.min(b.col, row.length);
      for (let c = a.col; c <= lastCol; c++) if ((r !== a.row || c !== a.col) && row[c - 1] !== undefined) row[c - 1] = null;
    }
  }
  for (let i = 0; i < rows.length; i++) {
    const r = (rows[i] ??= []);
    for (let j = 0; j < r.length; j++) if (r[j] === undefined) r[j] = null;
  }
}

export interface FastWorkbook {
  /** Every sheet name, in workbook order. */
  names: string[];
  /** Grids of the requested sheets that exist. */
  sheets: GridSheet[];
  /** When the workbook was last saved by its own account (docProps/core.xml dcterms:modified, ISO), if it says. */
  savedAt?: string;
}

type PartReader = (path: string, prepare?: (data: Uint8Array) => Uint8Array) => Promise<string | null>;

/** The saved time through a part reader; undefined when the part is missing or unreadable. */
async function savedAtWith(get: PartReader): Promise<string | undefined> {
  try {
    return savedAtOf(await get(corePropsPath(await get('_rels/.rels'))));
  } catch {
    return undefined;
  }
}

/** The workbook's saved time (docProps/core.xml dcterms:modified, ISO) straight from the zip, or undefined. */
export async function readSavedAt(bytes: Uint8Array, inflate?: Inflate): Promise<string | undefined> {
  if (!inflate && (typeof DecompressionStream === 'undefined' || typeof Response === 'undefined' || typeof Blob === 'undefined')) return undefined;
  let dir: Map<string, Entry> | null;
  try {
    dir = directory(bytes);
  } catch {
    return undefined; // past a limit: the reading says so
  }
  if (!dir) return undefined;
  return savedAtWith(partReader(bytes, dir, inflate));
}

/** Parts as text, inflated within the limits (`budget`: what this reading has inflated so far). */
function partReader(bytes: Uint8Array, dir: Map<string, Entry>, inflate?: Inflate, limits: ReadLimits = DEFAULT_LIMITS, budget: Budget = { used: 0 }): PartReader {
  return async (path: string, prepare?: (data: Uint8Array) => Uint8Array) => {
    const key = dir.has(path) ? path : path.replace(/^\//, '');
    const e = dir.get(key);
    return e ? entryText(bytes, key, e, inflate ?? inflateStream, limits, budget, prepare) : null;
  };
}

/**
 * Read the named sheets as grids; null = not handled here (use the full reader). Throws
 * LimitExceeded (a limit passed: `where` names the part or sheet) and DtdDeclared; never anything else.
 */
export async function readSheetsFast(bytes: Uint8Array, wanted: string[], inflate?: Inflate, limits: ReadLimits = DEFAULT_LIMITS): Promise<FastWorkbook | null> {
  if (!inflate && (typeof DecompressionStream === 'undefined' || typeof Response === 'undefined' || typeof Blob === 'undefined')) return null;
  let sheetName = '';
  try {
    const dir = directory(bytes, limits);
    if (!dir) return null;
    const get = partReader(bytes, dir, inflate, limits, { used: 0 });
    const wb = await get('xl/workbook.xml');
    const rels = await get('xl/_rels/workbook.xml.rels');
    if (!wb || !rels) return null;
    const targets = new Map<string, string>();
    for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)) {
      const id = attr(m[1], 'Id');
      const target = attr(m[1], 'Target');
      if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
    }
    const names: string[] = [];
    const paths = new Map<string, string>();
    for (const m of wb.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)) {
      const name = attr(m[1], 'name');
      const rid = /\br:id="([^"]*)"|\bid="([^"]*)"/.exec(m[1]);
      if (name === undefined) return null;
      const n = decodeXml(name);
      names.push(n);
      const t = rid ? targets.get(rid[1] ?? rid[2]) : undefined;
      if (t) paths.set(n, t);
    }
    const todo = wanted.filter((w) => paths.has(w));
    const sstXml = todo.length ? await get('xl/sharedStrings.xml') : null;
    const sst = sstXml ? sharedStrings(sstXml, limits.sharedStrings) : [];
    const dates = todo.length ? dateStyles(await get('xl/styles.xml')) : [];
    const sheets: GridSheet[] = [];
    for (const name of todo) {
      sheetName = name;
      // a big sheet: empty cells dropped and a value past the rows read refused on the bytes (sheetScan.ts)
      const xml = await get(paths.get(name)!, (data) => (data.length >= COMPACT_FROM ? data.subarray(0, compactSheet(data, limits)) : data));
      if (xml === null) return null;
      const rows = parseSheet(xml, sst, dates, limits);
      sheetName = '';
      if (!rows) return null;
      sheets.push({ name, rows });
    }
    const savedAt = await savedAtWith(get);
    return savedAt === undefined ? { names, sheets } : { names, sheets, savedAt };
  } catch (e) {
    if (e instanceof LimitExceeded) throw e.where || !sheetName ? e : new LimitExceeded(e.limit, e.found, e.max, sheetName, e.atLeast);
    if (e instanceof DtdDeclared) throw e;
    return null;
  }
}

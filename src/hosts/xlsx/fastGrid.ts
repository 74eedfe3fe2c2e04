/**
 * A fast path for reading submissions: parse only the parts a plan workbook needs (workbook,
 * relationships, shared strings, styles' date formats, and the sheets asked for) straight from the
 * zip, with web-standard DecompressionStream('deflate-raw') (Node ≥ 20 and browsers).
 * Values match excelts' reading: cached formula results, rich text as plain text, dates as Date
 * (UTC) when the cell has a date format, merged slaves null. Returns null whenever it meets
 * something it does not handle (zip64, encryption, missing cell refs, no DecompressionStream), so
 * the caller falls back to the full excelts load.
 */
import type { GridSheet } from '../../core/sheets/readGrid';

interface Entry {
  method: number;
  flags: number;
  csize: number;
  offset: number;
}

function u16(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8);
}
function u32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
}

function directory(b: Uint8Array): Map<string, Entry> | null {
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
  const dec = new TextDecoder('utf-8');
  const out = new Map<string, Entry>();
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) return null;
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const csize = u32(b, p + 20);
    const nameLen = u16(b, p + 28), extraLen = u16(b, p + 30), commentLen = u16(b, p + 32);
    const offset = u32(b, p + 42);
    if (csize === 0xffffffff || offset === 0xffffffff) return null;
    out.set(dec.decode(b.subarray(p + 46, p + 46 + nameLen)), { method, flags, csize, offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

async function inflate(data: Uint8Array): Promise<Uint8Array> {
  const ds = new DecompressionStream('deflate-raw');
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(ds);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function entryText(b: Uint8Array, e: Entry): Promise<string> {
  if (e.flags & 1) throw new Error('encrypted entry');
  const lh = e.offset;
  if (u32(b, lh) !== 0x04034b50) throw new Error('bad local header');
  const start = lh + 30 + u16(b, lh + 26) + u16(b, lh + 28);
  const raw = b.subarray(start, start + e.csize);
  const data = e.method === 0 ? raw : e.method === 8 ? await inflate(raw) : null;
  if (!data) throw new Error('unsupported compression');
  return new TextDecoder('utf-8').decode(data);
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
export function decodeXml(s: string): string {
  if (s.indexOf('&') < 0 && s.indexOf('_x') < 0) return s;
  return s
    .replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITY[e],
    )
    .replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
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

function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  const re = /<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\s*\/>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) out.push(m[1] === undefined ? '' : textOf(m[1]));
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

function parseSheet(xml: string, sst: string[], dates: boolean[]): unknown[][] | null {
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
      const inner = m[2];
      if (inner === undefined || inner === '') continue;
      const t = ca.t;
      const vm = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/.exec(inner);
      const fm = /<(?:\w+:)?f(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?f>|<(?:\w+:)?f\b[^>]*\/>/.exec(inner);
      let value: unknown = null;
      if (t === 'inlineStr') {
        const is = /<(?:\w+:)?is>([\s\S]*?)<\/(?:\w+:)?is>/.exec(inner);
        value = is ? textOf(is[1]) : '';
      } else if (vm) {
        const v = vm[1];
        if (t === 's') value = sst[Number(v)] ?? '';
        else if (t === 'str') value = decodeXml(v);
        else if (t === 'b') value = v.trim() === '1' || v.trim() === 'true';
        else if (t === 'e') value = { error: decodeXml(v) };
        else if (t === 'd') value = new Date(v);
        else {
          const n = Number(v);
          const s = Number(ca.s ?? 0);
          value = Number.isFinite(n) ? (dates[s] ? serialToDate(n) : n) : decodeXml(v);
        }
      } else if (fm) {
        value = { formula: decodeXml(fm[1] ?? '') };
      } else continue;
      (rows[pos.row - 1] ??= [])[pos.col - 1] = value;
    }
  }
  // Merged areas: only the top-left cell holds the value.
  for (const m of xml.matchAll(/<(?:\w+:)?mergeCell\b[^>]*ref="([A-Z]+\d+):([A-Z]+\d+)"/g)) {
    const a = colNumber(m[1]), b = colNumber(m[2]);
    if (!a || !b) continue;
    for (let r = a.row; r <= b.row; r++)
      for (let c = a.col; c <= b.col; c++) if ((r !== a.row || c !== a.col) && rows[r - 1] && rows[r - 1][c - 1] !== undefined) rows[r - 1][c - 1] = null;
  }
  for (let i = 0; i < rows.length; i++) {
    const r = (rows[i] ??= []);
    for (let j = 0; j < r.length; j++) if (r[j] === undefined) r[j] = null;
  }
  return rows;
}

export interface FastWorkbook {
  /** Every sheet name, in workbook order. */
  names: string[];
  /** Grids of the requested sheets that exist. */
  sheets: GridSheet[];
}

/** Read the named sheets as grids; null = not handled here (use the full reader). */
export async function readSheetsFast(bytes: Uint8Array, wanted: string[]): Promise<FastWorkbook | null> {
  if (typeof DecompressionStream === 'undefined' || typeof Response === 'undefined' || typeof Blob === 'undefined') return null;
  try {
    const dir = directory(bytes);
    if (!dir) return null;
    const get = async (path: string) => {
      const e = dir.get(path) ?? dir.get(path.replace(/^\//, ''));
      return e ? entryText(bytes, e) : null;
    };
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
    const sst = sstXml ? sharedStrings(sstXml) : [];
    const dates = todo.length ? dateStyles(await get('xl/styles.xml')) : [];
    const sheets: GridSheet[] = [];
    for (const name of todo) {
      const xml = await get(paths.get(name)!);
      if (xml === null) return null;
      const rows = parseSheet(xml, sst, dates);
      if (!rows) return null;
      sheets.push({ name, rows });
    }
    return { names, sheets };
  } catch {
    return null;
  }
}

/**
 * A fast path for reading submissions: parse only the parts a plan workbook needs (workbook,
 * relationships, shared strings, styles' date formats, and the sheets asked for) straight from the
 * zip, with web-standard DecompressionStream('deflate-raw') (Node ≥ 20 and browsers).
 * Values match excelts' reading: cached formula results, rich text as plain text, dates as Date
 * (UTC) when the cell has a date format, merged slaves null; a formula without a value (no <v>, or
 * an empty one as openpyxl writes) is `{ formula }`, never 0. Returns null whenever it meets
 * something it does not handle (zip64, encryption, missing cell refs, no DecompressionStream), so
 * the caller falls back to the full excelts load. Sheets are read on their bytes (sheetBytes.ts);
 * the other parts as text (xmlText.ts).
 */
import type { GridSheet } from '../../core/sheets/readGrid';
import { corePropsPath, savedAtOf } from './savedTime';
import { DEFAULT_LIMITS, LimitExceeded, RATIO_MIN_BYTES } from '../../core/limits';
import type { ReadLimits } from '../../core/limits';
import { compactSheet } from './sheetScan';
import { attr, dateStyles, decodeXml, sharedStrings } from './xmlText';
import { parseSheetBytes } from './sheetBytes';

export { decodeXml } from './xmlText';

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

/** An XML part's bytes, checked for DTDs and prepared (`prepare` may edit them in place). */
async function entryXml(b: Uint8Array, name: string, e: Entry, inflate: Inflate, limits: ReadLimits, budget: Budget, prepare?: (data: Uint8Array) => Uint8Array): Promise<Uint8Array> {
  let data = await entryBytes(b, name, e, inflate, limits, budget);
  if (declaresDtd(data)) throw new DtdDeclared(name);
  // a stored part is a view of the file's bytes: prepared (edited in place) on a copy
  if (prepare) data = prepare(data.buffer === b.buffer ? data.slice() : data);
  return data;
}

async function entryText(b: Uint8Array, name: string, e: Entry, inflate: Inflate, limits: ReadLimits, budget: Budget): Promise<string> {
  return new TextDecoder('utf-8').decode(await entryXml(b, name, e, inflate, limits, budget));
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

export interface FastWorkbook {
  /** Every sheet name, in workbook order. */
  names: string[];
  /** Grids of the requested sheets that exist. */
  sheets: GridSheet[];
  /** When the workbook was last saved by its own account (docProps/core.xml dcterms:modified, ISO), if it says. */
  savedAt?: string;
}

type PartReader = (path: string) => Promise<string | null>;
type PartBytesReader = (path: string, prepare?: (data: Uint8Array) => Uint8Array) => Promise<Uint8Array | null>;

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

/** XML parts as bytes, inflated within the limits (`budget`: what this reading has inflated so far), DTD-free. */
function partBytesReader(bytes: Uint8Array, dir: Map<string, Entry>, inflate?: Inflate, limits: ReadLimits = DEFAULT_LIMITS, budget: Budget = { used: 0 }): PartBytesReader {
  return async (path: string, prepare?: (data: Uint8Array) => Uint8Array) => {
    const key = dir.has(path) ? path : path.replace(/^\//, '');
    const e = dir.get(key);
    return e ? entryXml(bytes, key, e, inflate ?? inflateStream, limits, budget, prepare) : null;
  };
}

/** XML parts as text. */
function partReader(bytes: Uint8Array, dir: Map<string, Entry>, inflate?: Inflate, limits: ReadLimits = DEFAULT_LIMITS, budget: Budget = { used: 0 }): PartReader {
  const get = partBytesReader(bytes, dir, inflate, limits, budget);
  return async (path: string) => {
    const data = await get(path);
    return data && new TextDecoder('utf-8').decode(data);
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
    const budget: Budget = { used: 0 };
    const get = partReader(bytes, dir, inflate, limits, budget);
    const getBytes = partBytesReader(bytes, dir, inflate, limits, budget);
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
      const xml = await getBytes(paths.get(name)!, (data) => (data.length >= COMPACT_FROM ? data.subarray(0, compactSheet(data, limits)) : data));
      if (xml === null) return null;
      const rows = parseSheetBytes(xml, sst, dates, limits);
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

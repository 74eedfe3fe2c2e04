/**
 * The zip side of the fast writer (hosts/xlsx/fastWrite): reading the parts of excelts' workbook
 * back (unzip), compressing parts as they are written (PartCompressor, CRC-32) and putting the
 * compressed parts into one zip. Web-standard streams only: runs in Node ≥ 20 and browsers.
 */

export interface Entry {
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

export function unzip(b: Uint8Array): Promise<Entry[]> {
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
  /** Compress `chunk` (after the previous ones); `release`, when given, is called once the chunk is no longer read. */
  write(chunk: Uint8Array, release?: () => void): void;
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

export async function zip(entries: { name: string; part: Promise<{ data: Uint8Array[]; crc: number; size: number }> }[]): Promise<Uint8Array> {
  const done = await Promise.all(entries.map((e) => e.part));
  // deflated (method 8), dated 1980-01-01 00:00 (DOS date 0x21): the same bytes for the same content
  return zipEntries(entries.map((e, i) => ({ name: e.name, ...done[i], method: 8, time: 0, date: 0x21 })));
}

/** One entry of zipEntries: its data (chunks, compressed by `method`: 0 stored, 8 deflated), CRC and size of the uncompressed data, DOS time and date. */
export interface ZipEntry {
  name: string;
  data: Uint8Array[];
  method: 0 | 8;
  crc: number;
  size: number;
  time: number;
  date: number;
}

/** The bytes of a .zip holding `entries` in order (UTF-8 names, flag bit 11): local headers and data, central directory, end record. */
export function zipEntries(entries: ZipEntry[]): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    let csize = 0;
    for (const c of e.data) csize += c.length;
    const lh = new Uint8Array(30 + name.length);
    const v = new DataView(lh.buffer);
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(6, 0x0800, true); // UTF-8 names
    v.setUint16(8, e.method, true);
    v.setUint16(10, e.time, true);
    v.setUint16(12, e.date, true);
    v.setUint32(14, e.crc, true);
    v.setUint32(18, csize, true);
    v.setUint32(22, e.size, true);
    v.setUint16(26, name.length, true);
    lh.set(name, 30);
    const ch = new Uint8Array(46 + name.length);
    const w = new DataView(ch.buffer);
    w.setUint32(0, 0x02014b50, true);
    w.setUint16(4, 20, true);
    w.setUint16(6, 20, true);
    w.setUint16(8, 0x0800, true);
    w.setUint16(10, e.method, true);
    w.setUint16(12, e.time, true);
    w.setUint16(14, e.date, true);
    w.setUint32(16, e.crc, true);
    w.setUint32(20, csize, true);
    w.setUint32(24, e.size, true);
    w.setUint16(28, name.length, true);
    w.setUint32(42, offset, true);
    ch.set(name, 46);
    parts.push(lh, ...e.data);
    central.push(ch);
    offset += lh.length + csize;
  }
  let csize = 0;
  for (const c of central) csize += c.length;
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, entries.length, true);
  e.setUint16(10, entries.length, true);
  e.setUint32(12, csize, true);
  e.setUint32(16, offset, true);
  return concatBytes([...parts, ...central, end]);
}

/** One Uint8Array holding the given chunks in order. */
export function concatBytes(chunks: Uint8Array[]): Uint8Array {
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

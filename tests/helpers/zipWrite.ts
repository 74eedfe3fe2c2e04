/**
 * A tiny zip writer for tests: build an .xlsx from parts (as zipParts reads them), optionally with
 * lying headers — what a crafted file does. Deflate by Node's zlib; CRC-32 computed here (Node 20
 * has no zlib.crc32).
 */
import { deflateRawSync } from 'zlib';

export interface ZipEntry {
  name: string;
  data: Uint8Array | string;
  /** 0 = stored, 8 = deflate (default). */
  method?: 0 | 8;
  /** Already raw-deflated bytes (e.g. a bomb made by streaming); `size` must then be given. */
  raw?: Uint8Array;
  /** Uncompressed size written in the headers (default: the real one): a crafted file may lie. */
  declaredSize?: number;
  /** Real uncompressed size when `raw` is given. */
  size?: number;
  /** CRC written in the headers (default: computed, 0 for `raw`). */
  crc?: number;
}

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(d: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < d.length; i++) c = TABLE[(c ^ d[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The zip bytes of the entries, in order (names may repeat: a crafted file's duplicate entries). */
export function zipWrite(entries: ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const plain = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength);
    const method = e.method ?? 8;
    const body = e.raw ? Buffer.from(e.raw) : method === 8 ? deflateRawSync(plain) : plain;
    const size = e.declaredSize ?? (e.raw ? (e.size ?? 0) : plain.length);
    const crc = e.crc ?? (e.raw ? 0 : crc32(plain));
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x800, 6);
    lh.writeUInt16LE(method, 8);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(body.length >>> 0, 18);
    lh.writeUInt32LE(size >>> 0, 22);
    lh.writeUInt16LE(name.length, 26);
    locals.push(lh, name, body);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x800, 8);
    ch.writeUInt16LE(method, 10);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(body.length >>> 0, 20);
    ch.writeUInt32LE(size >>> 0, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    centrals.push(ch, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length & 0xffff, 8);
  end.writeUInt16LE(entries.length & 0xffff, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  const out = Buffer.concat([...locals, cd, end]);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** The parts of a workbook (zipParts' map) back to zip bytes, in the same order. */
export function zipFromParts(parts: Map<string, Buffer | string>): Uint8Array {
  return zipWrite([...parts].map(([name, data]) => ({ name, data })));
}

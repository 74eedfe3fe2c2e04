/**
 * Several finished files in one .zip (下载全部工作簿): entries stored as they are (an .xlsx is itself
 * deflated, so deflating again gains nothing), names in UTF-8 (flag bit 11, which Windows Explorer,
 * macOS Archive Utility, 7-Zip and WinRAR read as Chinese). No dependency: the zip format is small.
 */
import { crc32Update } from './fastWrite';

export interface ZipFile {
  name: string;
  bytes: Uint8Array;
  /** Modification time of the entry (default now). */
  date?: Date;
}

/** DOS date and time of a Date (local time, as zip tools show it), 2-second resolution. */
function dosTime(d: Date): { time: number; date: number } {
  const year = Math.min(Math.max(d.getFullYear(), 1980), 2107);
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** The bytes of a .zip holding `files` (stored, UTF-8 names). Names must be distinct. */
export function zipFiles(files: ZipFile[]): Uint8Array {
  const enc = new TextEncoder();
  const local: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.name)) throw new Error(`zip: duplicate name ${f.name}`);
    seen.add(f.name);
    const name = enc.encode(f.name);
    const crc = crc32Update(0, f.bytes);
    const { time, date } = dosTime(f.date ?? new Date());
    const lh = new Uint8Array(30 + name.length);
    const v = new DataView(lh.buffer);
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(6, 0x0800, true);
    v.setUint16(8, 0, true);
    v.setUint16(10, time, true);
    v.setUint16(12, date, true);
    v.setUint32(14, crc, true);
    v.setUint32(18, f.bytes.length, true);
    v.setUint32(22, f.bytes.length, true);
    v.setUint16(26, name.length, true);
    lh.set(name, 30);
    const ch = new Uint8Array(46 + name.length);
    const w = new DataView(ch.buffer);
    w.setUint32(0, 0x02014b50, true);
    w.setUint16(4, 20, true);
    w.setUint16(6, 20, true);
    w.setUint16(8, 0x0800, true);
    w.setUint16(10, 0, true);
    w.setUint16(12, time, true);
    w.setUint16(14, date, true);
    w.setUint32(16, crc, true);
    w.setUint32(20, f.bytes.length, true);
    w.setUint32(24, f.bytes.length, true);
    w.setUint16(28, name.length, true);
    w.setUint32(42, offset, true);
    ch.set(name, 46);
    local.push(lh, f.bytes);
    central.push(ch);
    offset += lh.length + f.bytes.length;
  }
  let csize = 0;
  for (const c of central) csize += c.length;
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, files.length, true);
  e.setUint16(10, files.length, true);
  e.setUint32(12, csize, true);
  e.setUint32(16, offset, true);
  const all = [...local, ...central, end];
  const out = new Uint8Array(offset + csize + 22);
  let at = 0;
  for (const a of all) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/**
 * Several finished files in one .zip (下载全部工作簿): entries stored as they are (an .xlsx is itself
 * deflated, so deflating again gains nothing), names in UTF-8 (flag bit 11, which Windows Explorer,
 * macOS Archive Utility, 7-Zip and WinRAR read as Chinese). No dependency: the zip format is small.
 */
import { crc32Update, zipEntries } from './zipParts';

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
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.name)) throw new Error(`zip: duplicate name ${f.name}`);
    seen.add(f.name);
  }
  return zipEntries(files.map((f) => ({ name: f.name, data: [f.bytes], method: 0, crc: crc32Update(0, f.bytes), size: f.bytes.length, ...dosTime(f.date ?? new Date()) })));
}

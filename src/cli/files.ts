/**
 * The file system is input too. What the CLI reads and writes goes through here:
 *
 * - Inputs: a folder stands for the regular `.xlsx` files in it (not recursive; hidden files and
 *   Office lock files "~$…" left out). Other files in the folder are listed once as ignored, not
 *   refused one by one. FIFOs, devices, sockets, dangling or looping links are skipped with the
 *   reason. A file is opened without blocking and checked with fstat before a byte is read (a FIFO
 *   named `pipe.xlsx` or a link to /dev/zero never hangs the run), and its size is checked against
 *   the limit before it is read.
 * - Outputs are written atomically: to a temporary file beside the target, flushed, then renamed over
 *   it. An interrupted run never leaves a half-written file at the target, and an earlier good
 *   output stays until the new one is complete.
 */
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, statSync, unlinkSync, writeSync, fsyncSync } from 'fs';
import type { Stats } from 'fs';
import { basename, dirname, join, resolve } from 'path';
import { randomBytes } from 'crypto';
import { CONSOLIDATE_MESSAGES as M } from '../i18n/consolidate';
import type { CliContext } from './context';
import type { Finding } from '../core/validate/types';

/** Largest input workbook read (bytes). The largest real plan is a few MB; a 100,000-task stress file is ~15 MB. */
export const MAX_WORKBOOK_BYTES = 200 * 1024 * 1024;
/** Largest plan outline text, catalog JSON or settings file read (bytes). A real outline is ~20 KB. */
export const MAX_TEXT_BYTES = 5 * 1024 * 1024;

export type SkipReason = 'notRegular' | 'fifo' | 'device' | 'socket' | 'dangling' | 'loop' | 'unreadable';

export interface SkippedEntry {
  path: string;
  reason: SkipReason;
  detail?: string;
}

export interface CollectedInputs {
  /** Files to read, in order (folders expanded and sorted by name). */
  files: string[];
  /** Files in a folder that are not .xlsx (listed once, not read). */
  ignored: string[];
  /** Entries that are not regular files (or cannot be reached), with the reason. */
  skipped: SkippedEntry[];
}

const kindOf = (st: Stats): SkipReason | null =>
  st.isFile() ? null : st.isFIFO() ? 'fifo' : st.isCharacterDevice() || st.isBlockDevice() ? 'device' : st.isSocket() ? 'socket' : 'notRegular';

/** What a folder entry is: null for a regular file (through links), else why it is skipped. */
function entryProblem(p: string): { reason: SkipReason; detail?: string } | null {
  let st: Stats;
  try {
    st = statSync(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      try {
        if (lstatSync(p).isSymbolicLink()) return { reason: 'dangling' };
      } catch {
        /* gone meanwhile */
      }
    }
    if (code === 'ELOOP') return { reason: 'loop' };
    return { reason: 'unreadable', detail: code ?? (e as Error).message };
  }
  const k = kindOf(st);
  return k ? { reason: k } : null;
}

const isWorkbookName = (n: string) => /\.xlsx$/i.test(n);
const isHidden = (n: string) => n.startsWith('.') || n.startsWith('~$');

/**
 * Files named on the command line, folders expanded. A named file is read whatever its extension
 * (the user asked for it), but never when it is a FIFO or device. A named path that does not exist
 * is kept: reading it gives the per-file "cannot open" refusal.
 */
export function collectInputs(paths: string[]): CollectedInputs {
  const out: CollectedInputs = { files: [], ignored: [], skipped: [] };
  const seen = new Set<string>();
  const add = (p: string) => {
    const r = resolve(p);
    if (!seen.has(r)) {
      seen.add(r);
      out.files.push(p);
    }
  };
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      /* not a folder: handled as a file */
    }
    if (!isDir) {
      const problem = entryProblem(p);
      if (problem && problem.reason !== 'unreadable' && problem.reason !== 'dangling') out.skipped.push({ path: p, ...problem });
      else add(p);
      continue;
    }
    const names = readdirSync(p).filter((n) => !isHidden(n)).sort();
    for (const n of names) {
      const f = join(p, n);
      let dir = false;
      try {
        dir = lstatSync(f).isDirectory();
      } catch {
        /* vanished */
      }
      if (dir) continue;
      if (!isWorkbookName(n)) {
        out.ignored.push(f);
        continue;
      }
      const problem = entryProblem(f);
      if (problem) out.skipped.push({ path: f, ...problem });
      else add(f);
    }
  }
  return out;
}

export class InputFileError extends Error {
  constructor(
    public readonly kind: 'notRegular' | 'tooLarge' | 'fs',
    public readonly path: string,
    public readonly detail: { code?: string; size?: number; limit?: number; type?: SkipReason },
  ) {
    super(`${kind}: ${path}`);
  }
}

/** The checks of readInputFile without reading: throws InputFileError as it would (the file is read elsewhere, e.g. in a reader process). */
export function checkInputFile(path: string, limit = MAX_WORKBOOK_BYTES): void {
  readInputFile(path, limit, false);
}

/**
 * Read a whole input file, safely: opened non-blocking (a FIFO without a writer does not block),
 * checked to be a regular file of at most `limit` bytes before reading.
 */
export function readInputFile(path: string, limit = MAX_WORKBOOK_BYTES, read = true): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new InputFileError('fs', path, { code: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
  }
  try {
    const st = fstatSync(fd);
    const k = kindOf(st);
    if (k) throw new InputFileError('notRegular', path, { type: k });
    if (st.size > limit) throw new InputFileError('tooLarge', path, { size: st.size, limit });
    if (!read) return new Uint8Array(0);
    const buf = new Uint8Array(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, off);
      if (n <= 0) break;
      off += n;
    }
    return off === st.size ? buf : buf.subarray(0, off);
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    throw new InputFileError('fs', path, { code: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
  } finally {
    closeSync(fd);
  }
}

/** Read a text input (outline, catalog JSON, settings) with the text size limit. */
export function readInputText(path: string, limit = MAX_TEXT_BYTES): string {
  return new TextDecoder('utf-8').decode(readInputFile(path, limit));
}

/**
 * Write an output atomically: a temporary file beside the target (same folder, so the rename is
 * atomic), flushed to disk, then renamed over the target. On any failure the temporary file is
 * removed and the target is untouched; the Node error (ENOENT, EISDIR, EACCES, ENOSPC…) is rethrown
 * for the CLI's one-line message.
 */
export function writeFileAtomic(target: string, bytes: Uint8Array | string): void {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  let existing: Stats | null = null;
  try {
    existing = statSync(target);
  } catch {
    /* new file */
  }
  if (existing?.isDirectory()) throw Object.assign(new Error(`EISDIR: ${target}`), { code: 'EISDIR', syscall: 'open', path: target });
  if (existing && !existing.isFile()) throw Object.assign(new Error(`not a regular file: ${target}`), { code: 'EINVAL', syscall: 'open', path: target });
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, 'wx', 0o666);
  } catch (e) {
    // report the target, not the temporary name
    throw Object.assign(e as Error, { path: target, dest: undefined });
  }
  try {
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, target);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      /* already closed */
    }
    try {
      unlinkSync(tmp);
    } catch {
      /* never created or already gone */
    }
    throw Object.assign(e as Error, { path: target, dest: undefined });
  }
}

/** Can files be created in this folder? Checked before the work, so a wrong -o fails in a second, not after the run. */
export function checkOutputFolder(dir: string): void {
  const st = statSync(dir); // ENOENT / ENOTDIR become the one-line message
  if (!st.isDirectory()) throw Object.assign(new Error(`ENOTDIR: ${dir}`), { code: 'ENOTDIR', syscall: 'stat', path: dir });
  const probe = join(dir, `.plan-budget-probe.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    closeSync(openSync(probe, 'wx'));
  } catch (e) {
    throw Object.assign(e as Error, { path: dir });
  }
  unlinkSync(probe);
}

/** Same file? By resolved path, or by device and inode when both exist (links, case-insensitive file systems). */
export function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    const sa = statSync(a), sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

const SKIP_ZH: Record<SkipReason, string> = {
  notRegular: '不是普通文件',
  fifo: '是命名管道（FIFO），不是文件',
  device: '是设备，不是文件',
  socket: '是套接字，不是文件',
  dangling: '是指向不存在文件的链接',
  loop: '是循环链接',
  unreadable: '无法访问',
};
const SKIP_EN: Record<SkipReason, string> = {
  notRegular: 'not a regular file',
  fifo: 'a named pipe (FIFO), not a file',
  device: 'a device, not a file',
  socket: 'a socket, not a file',
  dangling: 'a link to a file that does not exist',
  loop: 'a link that loops',
  unreadable: 'cannot be accessed',
};

/** Why an entry was skipped, in words. */
export function skipText(s: { reason: SkipReason; detail?: string }): { zh: string; en: string } {
  return { zh: SKIP_ZH[s.reason] + (s.detail ? `（${s.detail}）` : ''), en: SKIP_EN[s.reason] + (s.detail ? ` (${s.detail})` : '') };
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0);

/** The zh/en reason of an InputFileError (what was found and the limit), for a refusal finding or a CLI line. */
export function inputErrorText(e: InputFileError): { zh: string; en: string } {
  if (e.kind === 'tooLarge')
    return {
      zh: `文件大小 ${mb(e.detail.size ?? 0)} MB，超过上限 ${mb(e.detail.limit ?? 0)} MB，未读取`,
      en: `the file is ${mb(e.detail.size ?? 0)} MB, over the limit of ${mb(e.detail.limit ?? 0)} MB; not read`,
    };
  if (e.kind === 'notRegular') return skipText({ reason: e.detail.type ?? 'notRegular' });
  return { zh: `无法打开（${e.detail.code ?? '?'}）`, en: `cannot be opened (${e.detail.code ?? '?'})` };
}

/** Print, once, what was not read: files that are not .xlsx, and entries that are not files. */
export function reportSkipped(ctx: CliContext, got: CollectedInputs): void {
  if (got.ignored.length) {
    const shown = got.ignored.slice(0, 5).map((f) => basename(f)).join('、');
    ctx.out(ctx.t(M.ignoredFiles, { n: got.ignored.length, list: shown + (got.ignored.length > 5 ? ' …' : '') }));
  }
  for (const s of got.skipped) ctx.out(ctx.t(M.skippedEntry, { file: s.path, reason: skipText(s)[ctx.lang] }));
}

/**
 * Create a folder and its missing parents, one level at a time. (Node's own recursive mkdir loops
 * forever on some paths, e.g. under /proc: `generate -o /proc/x` hung.) Errors are Node's, for the
 * CLI's one-line message.
 */
export function makeFolder(dir: string): void {
  const missing: string[] = [];
  let p = resolve(dir);
  for (;;) {
    try {
      if (!statSync(p).isDirectory()) throw Object.assign(new Error(`ENOTDIR: ${p}`), { code: 'ENOTDIR', syscall: 'mkdir', path: dir });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw Object.assign(e as Error, { path: dir });
      missing.push(p);
      const up = dirname(p);
      if (up === p) break;
      p = up;
    }
  }
  for (const m of missing.reverse()) {
    try {
      mkdirSync(m);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw Object.assign(e as Error, { path: dir });
    }
  }
}

/** The refusal of an input file that could not be read (not a regular file, too large, a file-system error): one finding naming the file and why. */
export function unreadableFinding(name: string, e: unknown): Finding {
  const why = e instanceof InputFileError ? inputErrorText(e) : { zh: (e as Error).message, en: (e as Error).message };
  const tooLarge = e instanceof InputFileError && e.kind === 'tooLarge';
  return {
    severity: 'error',
    code: tooLarge ? 'file.tooLarge' : 'file.unreadable',
    message: { zh: `无法读取文件“${name}”：${why.zh}。`, en: `Cannot read file "${name}": ${why.en}.` },
    file: name,
    sheet: '',
    row: 0,
    column: '',
    columnKey: '',
    raw: null,
    fix: tooLarge
      ? { zh: '计划工作簿通常只有几 MB：请检查是否放错了文件。', en: 'A plan workbook is usually a few MB: check that this is the right file.' }
      : { zh: '检查文件是否存在、是否为普通文件、是否有读取权限。', en: 'Check that the file exists, is a regular file and can be read.' },
  };
}

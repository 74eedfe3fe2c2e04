/**
 * The CLI reads every input file in a small pool of reader processes (child_process.fork of
 * src/cli/readerChild), never in its own: a file can only end its reader, never the run.
 *
 * - Memory: each reader's heap is bounded (--max-old-space-size = limits.readerMemoryMB), and on
 *   Linux its resident memory is watched (/proc/<pid>/statm): past its memory at start plus
 *   readerMemoryMB (what the heap limit does not cover: zlib's and Buffers' memory), it is killed.
 * - Time: a file taking more than limits.fileSeconds kills its reader.
 * - A reader that is killed, runs out of memory or dies turns its file (one file per reader at a
 *   time, so the blame is certain) into a result naming the limit and its value; a new reader is
 *   started and the pool goes on with the other files.
 *
 * Readers are long-lived (each handles many files; module loading and warm-up are paid once per
 * reader), and one whose memory stays high after a file is replaced, so that every file starts with
 * the same room. While many files wait, a reader is sent its next file before it is done with the
 * current one (it reads them one at a time, in order), so that it never waits for this process;
 * the limits are watched for the file it is reading, and a killed reader's next file goes back to the
 * queue.
 */
import { fork } from 'child_process';
import type { ChildProcess } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { availableParallelism } from 'os';
import { join } from 'path';
import type { Catalog } from '../core/catalog/types';
import type { Settings } from '../core/plan/types';
import { limitsOf } from '../core/limits';
import type { ChildMessage, ParentMessage } from './readerChild';
import { fromWire } from './readerWire';
import type { ReaderJob, ReaderJobKind, ReaderResults } from './readerJobs';

/** Why a file has no result: a limit passed (its value), or the reader failed (one line). */
export type ReaderFailure = { limit: 'readerMemoryMB' | 'fileSeconds'; max: number } | { error: string };
export type ReaderOutcome<T> = { ok: true; value: T } | { ok: false; failure: ReaderFailure };

export interface ReaderPoolOptions {
  /** Readers at most (started as files come). */
  size: number;
  /** The kind of job the readers will mostly do (modules loaded before the first file). */
  kind?: ReaderJobKind;
  /** Milliseconds between two looks at a busy reader's resident memory (default 25). */
  pollMs?: number;
}

/** Reader processes of a run: one per core, at least 2, never more than the files. */
export const readerCount = (files: number) => Math.max(1, Math.min(files, Math.max(2, availableParallelism())));

const PAGE = 4096;

/** Files a reader holds at most: the one it reads and the next. */
const DEPTH = 2;

/** Resident memory of a process in bytes (Linux /proc), or null where the platform does not say. */
function rssOf(pid: number): number | null {
  try {
    const statm = readFileSync(`/proc/${pid}/statm`, 'latin1');
    return Number(statm.split(' ')[1]) * PAGE;
  } catch {
    return null;
  }
}

/** The reader's entry: the compiled .js beside this module (dist/node), else the .ts source through tsx (tsx, jest). */
function entry(): { path: string; execArgv: string[] } {
  const js = join(__dirname, 'readerChild.js');
  if (existsSync(js)) return { path: js, execArgv: [] };
  return { path: join(__dirname, 'readerChild.ts'), execArgv: ['--require', require.resolve('tsx/cjs')] };
}

/** What V8 or Node print when a process runs out of memory. */
const OOM = /heap out of memory|Reached heap limit|Allocation failed|Last few GCs|ERR_BUFFER_TOO_LARGE|Array buffer allocation failed|Fatal process out of memory/i;

interface Reader {
  child: ChildProcess;
  ready: boolean;
  /** Resident memory when it became ready (bytes). */
  base: number;
  /** Its files, in the order sent: the first is the one it is reading (it reads one at a time, in order); at most DEPTH. */
  jobs: Pending[];
  timer?: NodeJS.Timeout;
  poll?: NodeJS.Timeout;
  stderr: string;
  /** Its error output said it ran out of memory. */
  oom: boolean;
  /** Called once it is ready or gone (warm). */
  waiters: (() => void)[];
  /** Set when the pool itself ended it (a limit, or closing): its exit is expected. */
  ended?: ReaderFailure | 'closing';
}

interface Pending {
  id: number;
  job: ReaderJob;
  resolve: (o: ReaderOutcome<unknown>) => void;
}

export class ReaderPool {
  private readonly limits;
  private readonly readers = new Set<Reader>();
  private readonly queue: Pending[] = [];
  private nextId = 1;
  /** Readers that died before ever becoming ready, in a row. */
  private failedStarts = 0;
  private closed = false;
  /** Peak resident memory of any reader seen by the watcher (bytes). */
  peakRss = 0;

  constructor(
    private readonly catalog: Catalog,
    private readonly settings: Settings,
    private readonly opts: ReaderPoolOptions,
  ) {
    this.limits = limitsOf(settings.limits);
  }

  /** Read one file in a reader process. Never rejects: a reader's death is the file's failure. */
  run<K extends ReaderJobKind>(job: ReaderJob & { kind: K }): Promise<ReaderOutcome<ReaderResults[K]>> {
    return new Promise((resolve) => {
      if (this.closed) return resolve({ ok: false, failure: { error: 'reader pool closed' } });
      this.queue.push({ id: this.nextId++, job, resolve: resolve as Pending['resolve'] });
      this.pump();
    });
  }

  /** Start readers now (up to the pool's size) and wait until they are ready or gone: then the files' times hold no start-up. */
  async warm(): Promise<void> {
    while ([...this.readers].filter((r) => !r.ended).length < this.opts.size) this.start();
    await Promise.all([...this.readers].map((r) => (r.ready || r.ended ? null : new Promise<void>((res) => r.waiters.push(res)))));
  }

  /** End every reader (idle ones are told to exit; busy or starting ones are killed: call after the last result). */
  async close(): Promise<void> {
    this.closed = true;
    const exits: Promise<unknown>[] = [];
    for (const r of this.readers) {
      r.ended = 'closing';
      this.stopWatch(r);
      exits.push(new Promise((res) => (r.child.exitCode !== null || r.child.signalCode !== null ? res(null) : r.child.once('close', res))));
      // busy, or still starting (nothing of it to keep: a pool started early for a run that stopped before its files)
      if (r.jobs.length || !r.ready || !r.child.connected) r.child.kill('SIGKILL');
      else r.child.send({ exit: true } satisfies ChildMessage);
    }
    for (const p of this.queue.splice(0)) p.resolve({ ok: false, failure: { error: 'reader pool closed' } });
    await Promise.all(exits);
    this.readers.clear();
  }

  private pump(): void {
    const open = (r: Reader) => r.ready && !r.ended;
    for (const r of this.readers) if (open(r) && !r.jobs.length && this.queue.length) this.give(r, this.queue.shift()!);
    // A second file to each reader while more files wait than there are readers: it starts on it as
    // soon as its result is sent, without waiting for this process (busy taking in the other readers'
    // results, or collecting garbage). Near the end, files go only to idle readers (no reader waits
    // for another's queue).
    for (const r of this.readers) if (open(r) && r.jobs.length > 0 && r.jobs.length < DEPTH && this.queue.length > this.readers.size) this.give(r, this.queue.shift()!);
    // Start readers for the work waiting, up to the pool's size (those starting count as coming).
    const starting = [...this.readers].filter((r) => !r.ready && !r.ended).length;
    const want = Math.min(this.opts.size - [...this.readers].filter((r) => !r.ended).length, this.queue.length - starting);
    for (let k = 0; k < want; k++) this.start();
  }

  private start(): void {
    const { path, execArgv } = entry();
    const child = fork(path, [], {
      execArgv: [...execArgv, `--max-old-space-size=${Math.max(1, Math.round(this.limits.readerMemoryMB))}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const r: Reader = { child, ready: false, base: 0, jobs: [], stderr: '', oom: false, waiters: [] };
    this.readers.add(r);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (s: string) => {
      r.stderr = (r.stderr + s).slice(-4000);
      if (OOM.test(s)) r.oom = true;
    });
    child.on('message', (m: ParentMessage) => this.onMessage(r, m));
    child.on('error', () => undefined); // its exit says the rest
    // 'close', not 'exit': its error output is all read by then (an out-of-memory message).
    child.on('close', (code, signal) => this.onExit(r, code, signal));
    child.send({ init: { catalog: this.catalog, settings: this.settings, kind: this.opts.kind } } satisfies ChildMessage);
  }

  private onMessage(r: Reader, m: ParentMessage): void {
    if (r.ended) return;
    if ('ready' in m) {
      r.ready = true;
      r.base = rssOf(r.child.pid!) ?? m.rss;
      this.failedStarts = 0;
      for (const w of r.waiters.splice(0)) w();
      return this.pump();
    }
    const p = r.jobs[0];
    if (!p || p.id !== m.id) return;
    this.stopWatch(r);
    r.jobs.shift();
    // A reader whose memory stayed high after a file is replaced: the next file gets the same room
    // (the file it was sent next goes back to the front of the queue, for a fresh reader).
    const rss = rssOf(r.child.pid!) ?? m.rss;
    if (rss - r.base > (this.limits.readerMemoryMB * 1024 * 1024) / 2) {
      r.ended = 'closing';
      this.queue.unshift(...r.jobs.splice(0));
      if (r.child.connected) r.child.send({ exit: true } satisfies ChildMessage);
      r.child.kill('SIGKILL');
      this.readers.delete(r);
    } else if (r.jobs.length) this.watch(r); // the next file it was sent is the one it reads now: watched from here
    // The reader gets its next file before this result is unpacked: it reads while this process works.
    this.pump();
    p.resolve(m.error !== undefined ? { ok: false, failure: { error: m.error } } : this.received(p.job.kind, m.result));
  }

  /** A result as the reader sent it, back in its own form (./readerWire.ts); one that cannot be is that file's failure. */
  private received(kind: ReaderJobKind, sent: unknown): ReaderOutcome<unknown> {
    try {
      return { ok: true, value: fromWire(kind, sent) };
    } catch (e) {
      return { ok: false, failure: { error: `reader result unreadable: ${e instanceof Error ? e.message : String(e)}` } };
    }
  }

  private give(r: Reader, p: Pending): void {
    r.jobs.push(p);
    r.child.send({ job: p.job, id: p.id } satisfies ChildMessage);
    if (r.jobs.length === 1) this.watch(r);
  }

  /** Watch the file the reader is reading (its first): its time limit, and the reader's memory. */
  private watch(r: Reader): void {
    r.timer = setTimeout(() => this.kill(r, { limit: 'fileSeconds', max: this.limits.fileSeconds }), this.limits.fileSeconds * 1000);
    const cap = r.base + this.limits.readerMemoryMB * 1024 * 1024;
    r.poll = setInterval(() => {
      const rss = rssOf(r.child.pid!);
      if (rss === null) return;
      if (rss > this.peakRss) this.peakRss = rss;
      if (rss > cap) this.kill(r, { limit: 'readerMemoryMB', max: this.limits.readerMemoryMB });
    }, this.opts.pollMs ?? 25);
  }

  private stopWatch(r: Reader): void {
    if (r.timer) clearTimeout(r.timer);
    if (r.poll) clearInterval(r.poll);
    r.timer = r.poll = undefined;
  }

  /** Past a limit: the reader is killed, its file gets the failure, the pool goes on. */
  private kill(r: Reader, why: ReaderFailure): void {
    if (r.ended) return;
    r.ended = why;
    this.stopWatch(r);
    r.child.kill('SIGKILL');
    this.settle(r, why);
  }

  private settle(r: Reader, why: ReaderFailure): void {
    const [p, ...waiting] = r.jobs;
    r.jobs = [];
    this.readers.delete(r);
    // Files it was sent but had not started go back to the front of the queue, in their order.
    this.queue.unshift(...waiting);
    if (p) p.resolve({ ok: false, failure: why });
    if (!this.closed) this.pump();
  }

  private onExit(r: Reader, code: number | null, signal: NodeJS.Signals | null): void {
    this.stopWatch(r);
    for (const w of r.waiters.splice(0)) w();
    if (r.ended) {
      this.readers.delete(r);
      return;
    }
    const oom = r.oom || OOM.test(r.stderr);
    const line = r.stderr.split('\n').find((l) => /Error|FATAL/.test(l))?.trim();
    const why: ReaderFailure = oom ? { limit: 'readerMemoryMB', max: this.limits.readerMemoryMB } : { error: `reader process ended (${signal ?? `exit ${code}`})${line ? `: ${line.slice(0, 120)}` : ''}` };
    r.ended = why;
    if (!r.ready && ++this.failedStarts >= 3) {
      // Readers cannot start at all (the memory limit too small to load, or the environment): every waiting file says why.
      this.readers.delete(r);
      for (const p of this.queue.splice(0)) p.resolve({ ok: false, failure: why });
      return;
    }
    this.settle(r, why);
  }
}

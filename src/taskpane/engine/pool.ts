/**
 * The page's 汇总 reads and checks submissions in a small pool of Web Workers (check.worker.ts), as
 * the CLI does in worker threads (src/cli/commands/consolidate.ts readInWorkers): one worker per
 * core (navigator.hardwareConcurrency, 1 to 4), each warmed once (catalog and settings) and given
 * file after file, one at a time. Each file is read in isolation: a worker that throws, dies, or
 * takes longer than limits.fileSeconds on a file is terminated, that file is refused with the
 * message the CLI gives (the limit named, or the error), a new worker takes its place and the run
 * goes on. Without workers (none in this browser, or none could start) the files are read on the
 * main thread, one by one.
 */
import type { Catalog } from '../../core/catalog/types';
import { LimitExceeded, limitsOf } from '../../core/limits';
import type { Settings } from '../../core/plan/types';
import { failedRefusal, limitRefusal } from '../../hosts/xlsx/read';
import { modifiedAtOf } from '../modifiedAt';
import type { CheckedFile } from './checkOne';
import type { Checked, Refused } from './types';

/** A file as the pool takes it (a browser File, or anything with a name and bytes). */
export interface PoolFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
  lastModified?: number;
}

/** Main thread → worker. */
export type ToWorker = { init: { catalog: Catalog; settings: Settings } } | { job: { i: number; name: string; modifiedAt?: string; file: Blob | Uint8Array } };
/** Worker → main thread: ready after warming up, then one answer per job. */
export type FromWorker = { ready: true } | { i: number; result: CheckedFile } | { i: number; error: string };

/** What the pool needs of a Worker (a DOM Worker, or a fake in tests). */
export interface PoolWorker {
  postMessage(m: ToWorker): void;
  terminate(): void;
  onmessage: ((e: { data: FromWorker }) => void) | null;
  onerror: ((e: { message?: string; preventDefault?: () => void }) => void) | null;
  onmessageerror?: ((e: unknown) => void) | null;
}

export interface CheckFilesResult {
  /** In the order of the files given. */
  checked: Checked[];
  refused: Refused[];
  /** Reader workers used (0: the main thread read every file). */
  workers: number;
}

export interface PoolOptions {
  /** Starts a reader worker; null or absent: no workers, the main thread reads. */
  spawn?: (() => PoolWorker) | null;
  /** Workers at most (default: hardwareConcurrency, 1 to 4); never more than there are files. */
  size?: number;
  /** Read + check one file on the main thread (no workers, or none could start). */
  local: (bytes: Uint8Array, name: string, modifiedAt: string | undefined) => Promise<CheckedFile>;
  /** After each file: how many are done, and the file's name. */
  onFile?: (done: number, name: string) => void;
  /** Longest a worker may take to start (load and warm up) before the main thread reads instead (ms). */
  startMs?: number;
}

/** One worker per core, 1 to 4. */
export function poolSize(cores: number | undefined): number {
  return Math.max(1, Math.min(4, Math.floor(Number(cores) || 1)));
}

/** No worker could start: the caller reads on the main thread. */
class WorkersUnavailable extends Error {}

/** Read and check files: in reader workers when there are any, else (and for what they could not start on) on the main thread. */
export async function checkFilesInPool(files: PoolFile[], catalog: Catalog, settings: Settings, opts: PoolOptions): Promise<CheckFilesResult> {
  const results: (CheckedFile | undefined)[] = new Array(files.length);
  let done = 0;
  const settle = (i: number, r: CheckedFile) => {
    if (results[i]) return;
    results[i] = r;
    opts.onFile?.(++done, files[i].name);
  };
  let workers = 0;
  const n = Math.min(opts.size ?? poolSize(globalThis.navigator?.hardwareConcurrency), files.length);
  if (opts.spawn && n > 0) {
    try {
      workers = await runPool(files, catalog, settings, n, opts.spawn, settle, opts.startMs);
    } catch (e) {
      if (!(e instanceof WorkersUnavailable)) throw e;
    }
  }
  for (let i = 0; i < files.length; i++) {
    if (results[i]) continue;
    const f = files[i];
    settle(i, await opts.local(new Uint8Array(await f.arrayBuffer()), f.name, modifiedAtOf(f)));
    // Let the page paint its progress between files.
    await new Promise((r) => setTimeout(r, 0));
  }
  const checked: Checked[] = [];
  const refused: Refused[] = [];
  for (const r of results as CheckedFile[]) {
    if (r.checked) checked.push(r.checked);
    else refused.push(r.refused);
  }
  return { checked, refused, workers };
}

type Why = { limit: 'fileSeconds'; max: number } | { error: string };

/** A file whose reader worker went past limits.fileSeconds or failed: refused as the CLI refuses it (consolidate.read.ts workerFailure). */
function workerRefusal(f: PoolFile, why: Why): CheckedFile {
  const r = 'limit' in why ? limitRefusal(new LimitExceeded(why.limit, why.max, why.max, '', true), f.name) : failedRefusal(f.name, why.error);
  const modifiedAt = modifiedAtOf(f);
  return { refused: { file: f.name, sha256: '', size: (f as { size?: number }).size ?? 0, ...(modifiedAt ? { modifiedAt } : {}), finding: r.refusal } };
}

/** Resolves with the number of workers started once every file is settled, or rejects with WorkersUnavailable (the files left are the main thread's). */
function runPool(files: PoolFile[], catalog: Catalog, settings: Settings, n: number, spawn: () => PoolWorker, settle: (i: number, r: CheckedFile) => void, startMs?: number): Promise<number> {
  const limits = limitsOf(settings.limits);
  const queue = files.map((_, i) => i);
  const live = new Set<PoolWorker>();
  let started = 0;
  return new Promise<number>((resolve, reject) => {
    let ended = false;
    const finish = (e?: Error) => {
      if (ended) return;
      if (e) {
        ended = true;
        for (const w of live) w.terminate();
        live.clear();
        reject(e);
      } else if (!queue.length && live.size === 0) {
        ended = true;
        resolve(started);
      }
    };
    const start = () => {
      let w: PoolWorker;
      try {
        w = spawn();
      } catch (e) {
        if (live.size === 0) finish(new WorkersUnavailable(String(e)));
        return;
      }
      started++;
      live.add(w);
      let current = -1;
      let ready = false;
      let dead = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      // A worker that does not start in time: its file goes back to the queue (the others, or the main thread, read it).
      let startTimer: ReturnType<typeof setTimeout> | undefined = setTimeout(() => fail({ error: 'reader worker did not start' }), startMs ?? Math.max(30, limits.fileSeconds) * 1000);
      const arm = () => {
        if (timer) clearTimeout(timer);
        timer = ready && current >= 0 ? setTimeout(() => fail({ limit: 'fileSeconds', max: limits.fileSeconds }), limits.fileSeconds * 1000) : undefined;
      };
      const retire = () => {
        dead = true;
        if (timer) clearTimeout(timer);
        if (startTimer) clearTimeout(startTimer);
        live.delete(w);
        w.onmessage = w.onerror = null;
        if (w.onmessageerror !== undefined) w.onmessageerror = null;
        w.terminate();
      };
      const send = async () => {
        if (dead) return;
        if (!queue.length) {
          retire();
          return finish();
        }
        const i = queue.shift()!;
        current = i;
        const f = files[i];
        const modifiedAt = modifiedAtOf(f);
        try {
          // A browser File goes as is (the worker reads it); anything else as its bytes.
          const file = typeof Blob !== 'undefined' && f instanceof Blob ? f : new Uint8Array(await f.arrayBuffer());
          if (dead) return;
          w.postMessage({ job: { i, name: f.name, ...(modifiedAt ? { modifiedAt } : {}), file } });
        } catch (e) {
          return fail({ error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
        }
        arm();
      };
      // Past the time limit, or failed: a worker that had started blames the file it was reading; one that had not gives it back.
      function fail(why: Why): void {
        if (dead) return;
        retire();
        if (!ready) {
          if (current >= 0) queue.unshift(current);
          // Not replaced (what stopped it would stop the next one): the others go on, or the main thread does.
          return finish(live.size === 0 && queue.length ? new WorkersUnavailable('error' in why ? why.error : 'did not start') : undefined);
        }
        if (current >= 0) settle(current, workerRefusal(files[current], why));
        if (queue.length && live.size < n) start();
        finish();
      }
      w.onmessage = (e) => {
        if (dead) return;
        const m = e.data;
        if ('ready' in m) {
          ready = true;
          if (startTimer) clearTimeout(startTimer);
          startTimer = undefined;
          return arm();
        }
        if (m.i !== current) return;
        // A worker that threw is not trusted with another file (its state may be half-built).
        if ('error' in m) return fail({ error: m.error.split('\n')[0] });
        settle(current, m.result);
        current = -1;
        arm();
        void send();
      };
      w.onerror = (e) => {
        e.preventDefault?.();
        fail({ error: e.message || 'reader worker failed' });
      };
      w.onmessageerror = () => fail({ error: 'reader worker answer could not be read' });
      w.postMessage({ init: { catalog, settings } });
      void send();
    };
    for (let k = 0; k < n; k++) start();
    finish();
  });
}

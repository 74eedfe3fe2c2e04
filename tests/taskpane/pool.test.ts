/**
 * 汇总's reader pool (src/taskpane/engine/pool.ts) with fake workers: each file read in isolation —
 * a worker that throws, dies or goes past limits.fileSeconds is terminated and replaced, its file
 * refused with the CLI's message, the others read; without workers the main thread reads.
 * (The real workers in Chromium: tests/e2e/taskpane.e2e.test.ts.)
 */
import { defaultCatalog } from '../../src/core/catalog';
import { defaultSettings } from '../../src/core/plan/settings';
import type { Settings } from '../../src/core/plan/types';
import type { CheckedFile } from '../../src/taskpane/engine/checkOne';
import { checkFilesInPool, poolSize, type FromWorker, type PoolFile, type PoolWorker, type ToWorker } from '../../src/taskpane/engine/pool';
import type { Checked } from '../../src/taskpane/engine/types';

const catalog = defaultCatalog();
const settings: Settings = { ...defaultSettings(catalog, { year: 2023 }), limits: { fileSeconds: 0.2 } };

const file = (name: string): PoolFile => ({ name, arrayBuffer: async () => new TextEncoder().encode(name).buffer as ArrayBuffer, lastModified: Date.UTC(2023, 0, 2) });
const checked = (name: string, by: string): CheckedFile => ({ checked: { file: name, sha256: by, size: 1, raw: { file: name, meta: {}, tasks: [], budgetLines: [], milestones: [], readFindings: [] }, submission: {} as Checked['submission'], findings: [] } });

/** What a fake worker does with a file, by its name: hang, throw, crash (an uncaught error), or read it. */
class FakeWorker implements PoolWorker {
  onmessage: ((e: { data: FromWorker }) => void) | null = null;
  onerror: ((e: { message?: string; preventDefault?: () => void }) => void) | null = null;
  onmessageerror: ((e: unknown) => void) | null = null;
  terminated = false;
  files: string[] = [];
  inits = 0;
  constructor(
    readonly id: number,
    private readonly start: 'ok' | 'fail' = 'ok',
  ) {}
  postMessage(m: ToWorker): void {
    setTimeout(() => {
      if (this.terminated) return;
      if ('init' in m) {
        this.inits++;
        if (this.start === 'fail') this.onerror?.({ message: 'script blocked' });
        else this.onmessage?.({ data: { ready: true } });
        return;
      }
      const { i, name } = m.job;
      this.files.push(name);
      if (name.startsWith('hang')) return;
      if (name.startsWith('throw')) return this.onmessage?.({ data: { i, error: 'RangeError: Maximum call stack size exceeded\n    at x' } });
      if (name.startsWith('crash')) return this.onerror?.({ message: 'Uncaught InternalError: too much recursion' });
      this.onmessage?.({ data: { i, result: checked(name, `w${this.id}`) } });
    }, 1);
  }
  terminate(): void {
    this.terminated = true;
  }
}

function spawner(start: 'ok' | 'fail' = 'ok') {
  const all: FakeWorker[] = [];
  return { all, spawn: () => { const w = new FakeWorker(all.length, start); all.push(w); return w; } };
}

const local = jest.fn(async (_bytes: Uint8Array, name: string) => checked(name, 'main'));
beforeEach(() => local.mockClear());

test('one worker per core, 1 to 4', () => {
  expect([undefined, 0, 1, 2, 3, 8, 64].map(poolSize)).toEqual([1, 1, 1, 2, 3, 4, 4]);
});

test('files are shared by the workers, each warmed once, results in the files\' order', async () => {
  const { all, spawn } = spawner();
  const names = Array.from({ length: 9 }, (_, i) => `f${i}.xlsx`);
  const done: number[] = [];
  const r = await checkFilesInPool(names.map(file), catalog, settings, { spawn, size: 3, local, onFile: (n) => done.push(n) });
  expect(r.workers).toBe(3);
  expect(r.checked.map((c) => c.file)).toEqual(names);
  expect(r.refused).toEqual([]);
  expect(all.map((w) => w.inits)).toEqual([1, 1, 1]);
  expect(all.every((w) => w.files.length >= 1 && w.terminated)).toBe(true);
  expect(done).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  expect(local).not.toHaveBeenCalled();
});

test('a file that hangs, throws or crashes its worker is refused with the CLI\'s message; the worker is replaced and the others are read', async () => {
  const { all, spawn } = spawner();
  const names = ['a.xlsx', 'hang.xlsx', 'b.xlsx', 'throw.xlsx', 'c.xlsx', 'crash.xlsx', 'd.xlsx'];
  const r = await checkFilesInPool(names.map(file), catalog, settings, { spawn, size: 2, local });
  expect(r.checked.map((c) => c.file)).toEqual(['a.xlsx', 'b.xlsx', 'c.xlsx', 'd.xlsx']);
  expect(r.checked.every((c) => c.sha256!.startsWith('w'))).toBe(true);
  const why = Object.fromEntries(r.refused.map((x) => [x.file, x.finding]));
  expect(Object.keys(why).sort()).toEqual(['crash.xlsx', 'hang.xlsx', 'throw.xlsx']);
  expect(why['hang.xlsx'].code).toBe('file.limit');
  expect(why['hang.xlsx'].message.zh).toContain('读取时间');
  expect(why['throw.xlsx'].code).toBe('file.failed');
  expect(why['throw.xlsx'].message.zh).toContain('RangeError: Maximum call stack size exceeded');
  expect(why['throw.xlsx'].message.zh).not.toContain('at x');
  expect(why['crash.xlsx'].message.zh).toContain('too much recursion');
  // A worker is given nothing after a file that failed it; every worker is terminated; a new one
  // started while files were left (here 2 + 2: the hang is found after the queue ran dry).
  for (const w of all) expect(w.files.findIndex((f) => /^(hang|throw|crash)/.test(f))).toBeGreaterThanOrEqual(w === all[all.length - 1] ? -1 : w.files.length - 1);
  expect(all.every((w) => w.terminated)).toBe(true);
  expect(all).toHaveLength(4);
  expect(r.refused.find((x) => x.file === 'hang.xlsx')!.modifiedAt).toBe('2023-01-02T00:00:00.000Z');
  expect(local).not.toHaveBeenCalled();
});

test('without workers, or when none can start, the main thread reads every file', async () => {
  const names = ['a.xlsx', 'b.xlsx'];
  const none = await checkFilesInPool(names.map(file), catalog, settings, { spawn: null, local });
  expect([none.workers, none.checked.map((c) => c.sha256)]).toEqual([0, ['main', 'main']]);

  const blocked = spawner('fail');
  const r = await checkFilesInPool(names.map(file), catalog, settings, { spawn: blocked.spawn, size: 2, local });
  expect(r.checked.map((c) => [c.file, c.sha256])).toEqual([['a.xlsx', 'main'], ['b.xlsx', 'main']]);
  expect(blocked.all.every((w) => w.terminated)).toBe(true);

  const throwing = await checkFilesInPool(names.map(file), catalog, settings, { spawn: () => { throw new Error('no Worker'); }, local });
  expect(throwing.checked.map((c) => c.sha256)).toEqual(['main', 'main']);
});

test('a worker that never starts gives its file back to the others', async () => {
  let k = 0;
  const all: FakeWorker[] = [];
  const spawn = () => {
    const w = new FakeWorker(k, k++ === 0 ? 'fail' : 'ok');
    all.push(w);
    return w;
  };
  const names = ['a.xlsx', 'b.xlsx', 'c.xlsx'];
  const r = await checkFilesInPool(names.map(file), catalog, settings, { spawn, size: 2, local });
  expect(r.checked.map((c) => [c.file, c.sha256])).toEqual([['a.xlsx', 'w1'], ['b.xlsx', 'w1'], ['c.xlsx', 'w1']]);
  expect(local).not.toHaveBeenCalled();
});

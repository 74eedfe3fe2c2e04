/**
 * A reader process of the CLI (src/cli/readerPool.ts starts it with child_process.fork, its heap
 * bounded by --max-old-space-size): it is sent the catalog and settings once, warms up, says it is
 * ready, then reads and checks the files it is sent, one at a time (src/cli/readerJobs.ts). Whatever
 * a file does to it — out of memory, a stack overflow, a hang — ends this process only; the pool
 * refuses that file and starts another reader.
 */
// First: the compile cache is on before the other modules load.
import './compileCache';
import type { Catalog } from '../core/catalog/types';
import type { Settings } from '../core/plan/types';
import { runJob, warmUp } from './readerJobs';
import { toWire } from './readerWire';
import type { ReaderJob, ReaderJobKind } from './readerJobs';
import { errorText } from '../hosts/xlsx/read';

export type ChildMessage =
  | { init: { catalog: Catalog; settings: Settings; kind?: ReaderJobKind } }
  | { job: ReaderJob; id: number }
  | { exit: true };
export type ParentMessage = { ready: true; rss: number } | { id: number; result?: unknown; error?: string; rss: number };

if (process.send) {
  let catalog: Catalog;
  let settings: Settings;
  let queue: Promise<void> = Promise.resolve();
  const send = (m: ParentMessage): void => void process.send!(m);
  // The main process went away: so does this reader.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (m: ChildMessage) => {
    if ('exit' in m) {
      void queue.then(() => process.disconnect());
      return;
    }
    if ('init' in m) {
      ({ catalog, settings } = m.init);
      // Loaded and warmed once, before the first file: what depends only on the catalog and settings.
      warmUp(m.init.kind ?? 'consolidate', catalog, settings);
      send({ ready: true, rss: process.memoryUsage.rss() });
      return;
    }
    // One file at a time, in the order sent (the pool may send the next before this one is done):
    // the pool blames a death on the first file it is waiting for.
    queue = queue.then(() =>
      runJob(m.job, catalog, settings)
        .then((result) => toWire(m.job.kind, result))
        .then(
          (result) => send({ id: m.id, result, rss: process.memoryUsage.rss() }),
          (e: unknown) => send({ id: m.id, error: errorText(e), rss: process.memoryUsage.rss() }),
        ),
    );
  });
}

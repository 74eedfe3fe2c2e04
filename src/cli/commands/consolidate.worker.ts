/**
 * Worker thread of `plan-budget consolidate` (Node CLI only): reads and checks the files it is sent
 * and posts back what consolidation needs — the ConsolidationInput, with the raw rows and the
 * per-cell normalisation records that consolidation does not use stripped (memory, copy cost), and
 * the measure each task covers (measureHints), so the main thread does not work it out.
 */
import { parentPort, workerData } from 'worker_threads';
import type { Catalog } from '../../core/catalog/types';
import type { Settings } from '../../core/plan/types';
import { measureHints } from '../../core/consolidate';
import { readInput, slimInput } from './consolidate.read';

export interface WorkerJob {
  i: number;
  path: string;
  name: string;
}
export interface WorkerResult {
  /** The first message: the thread has loaded its modules. */
  ready?: true;
  i: number;
  input?: import('../../core/consolidate/types').ConsolidationInput;
  read: number;
  check: number;
  error?: string;
}

if (parentPort) {
  const port = parentPort;
  const { catalog, settings } = workerData as { catalog: Catalog; settings: Settings };
  // Loaded: from now on the main thread counts each file's time (startup is not a file's).
  port.postMessage({ ready: true });
  port.on('message', (job: WorkerJob | null) => {
    if (!job) {
      port.close();
      return;
    }
    readInput(job.path, job.name, catalog, settings).then(
      (r) => {
        // The measure each task covers is worked out here, in parallel, instead of in consolidate.
        const t = performance.now();
        const input = slimInput(r.input);
        if (input.outcome.kind === 'checked') input.measures = measureHints(input.outcome.submission, catalog);
        port.postMessage({ i: job.i, input, read: r.read, check: r.check + (performance.now() - t) } satisfies WorkerResult);
      },
      (e: unknown) => port.postMessage({ i: job.i, read: 0, check: 0, error: e instanceof Error ? e.stack ?? e.message : String(e) } satisfies WorkerResult),
    );
  });
}

/**
 * Worker thread of `plan-budget consolidate` (Node CLI only): reads and checks the files it is sent
 * and posts back what consolidation needs — the ConsolidationInput, with the raw rows and the
 * per-cell normalisation records that consolidation does not use stripped (memory, copy cost).
 */
import { parentPort, workerData } from 'worker_threads';
import type { Catalog } from '../../core/catalog/types';
import type { Settings } from '../../core/plan/types';
import { readInput, slimInput } from './consolidate';

export interface WorkerJob {
  i: number;
  path: string;
  name: string;
}
export interface WorkerResult {
  i: number;
  input?: import('../../core/consolidate').ConsolidationInput;
  read: number;
  check: number;
  error?: string;
}

if (parentPort) {
  const port = parentPort;
  const { catalog, settings } = workerData as { catalog: Catalog; settings: Settings };
  port.on('message', (job: WorkerJob | null) => {
    if (!job) {
      port.close();
      return;
    }
    readInput(job.path, job.name, catalog, settings).then(
      (r) => port.postMessage({ i: job.i, input: slimInput(r.input), read: r.read, check: r.check } satisfies WorkerResult),
      (e: unknown) => port.postMessage({ i: job.i, read: 0, check: 0, error: e instanceof Error ? e.stack ?? e.message : String(e) } satisfies WorkerResult),
    );
  });
}

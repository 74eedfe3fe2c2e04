/**
 * A reader worker of the page's 汇总 (pool.ts): takes the catalog and settings once, warms up, then
 * reads and checks each file it is sent (checkOne.ts) and posts back what consolidation and the
 * 退回意见 need. Anything a file makes go wrong is posted as that file's error (the pool then
 * replaces this worker); a file that never ends is the pool's to stop (limits.fileSeconds).
 */
import type { Catalog } from '../../core/catalog/types';
import type { Settings } from '../../core/plan/types';
import { warmUpChecks } from '../../core/consolidate/input';
import { errorText } from '../../hosts/xlsx/read';
import { checkOne, forPosting } from './checkOne';
import type { FromWorker, ToWorker } from './pool';

const scope = self as unknown as { onmessage: ((e: { data: ToWorker }) => void) | null; postMessage(m: FromWorker): void };
let ctx: { catalog: Catalog; settings: Settings } | null = null;

/** What the checks build once per catalog and settings is built before the first file (not counted in its time), as the CLI's reader threads do. */
function warm(catalog: Catalog, settings: Settings): void {
  try {
    warmUpChecks(catalog, settings);
  } catch {
    /* a file will say what is wrong */
  }
}

async function run(job: Extract<ToWorker, { job: unknown }>['job']): Promise<void> {
  try {
    if (!ctx) throw new Error('reader worker not initialised');
    const bytes = job.file instanceof Uint8Array ? job.file : new Uint8Array(await job.file.arrayBuffer());
    scope.postMessage({ i: job.i, result: forPosting(await checkOne(bytes, job.name, job.modifiedAt, ctx.catalog, ctx.settings)) });
  } catch (e) {
    scope.postMessage({ i: job.i, error: errorText(e) });
  }
}

scope.onmessage = (e) => {
  const m = e.data;
  if ('init' in m) {
    ctx = m.init;
    warm(ctx.catalog, ctx.settings);
    scope.postMessage({ ready: true });
  } else void run(m.job);
};

/**
 * The page's reader workers (lazy chunk, loaded when 汇总 starts): checkFiles reads and checks the
 * chosen submissions in the pool (pool.ts) of check.worker.ts, or on the main thread when this
 * browser has no Worker. Only webpack builds this file (new Worker(new URL(…, import.meta.url)) makes
 * the worker's own bundle); tests drive pool.ts with fake workers.
 */
import type { Catalog } from '../../core/catalog/types';
import type { Settings } from '../../core/plan/types';
import { checkOne } from './checkOne';
import { checkFilesInPool, type CheckFilesResult, type PoolFile, type PoolWorker } from './pool';

function spawnChecker(): PoolWorker {
  // @ts-expect-error TS1343: import.meta is for webpack's ES modules; typecheck and jest use CommonJS and never load this file.
  return new Worker(new URL('./check.worker.ts', import.meta.url), { name: 'plan-budget-check' }) as unknown as PoolWorker;
}

export function checkFiles(files: PoolFile[], catalog: Catalog, settings: Settings, onFile?: (done: number, name: string) => void): Promise<CheckFilesResult> {
  return checkFilesInPool(files, catalog, settings, {
    spawn: typeof Worker === 'function' ? spawnChecker : null,
    local: (bytes, name, modifiedAt) => checkOne(bytes, name, modifiedAt, catalog, settings),
    onFile,
  });
}

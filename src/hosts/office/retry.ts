/** Retry an Excel operation while Excel is in cell-edit mode (the user is typing in a cell). */

export interface RetryOptions {
  attempts?: number;
  /** First wait in ms; doubles each time. */
  delayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export function isCellEditModeError(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null;
  return !!err && (err.code === 'InvalidOperationInCellEditMode' || /cell[- ]?edit mode/i.test(String(err.message ?? '')));
}

export async function withCellEditRetry<T>(fn: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const attempts = opts.attempts ?? 5;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let delay = opts.delayMs ?? 400;
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (!isCellEditModeError(e) || i >= attempts) throw e;
      await sleep(delay);
      delay *= 2;
    }
  }
}

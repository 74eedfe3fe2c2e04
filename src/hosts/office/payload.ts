/**
 * Request-size bookkeeping. Excel on the web refuses a request (or response) over 5 MB, so the
 * adapter estimates the JSON size of every queued operation and only calls context.sync() early
 * when the next operation would cross the budget. For normal sizes everything fits into the
 * fixed number of syncs of an operation; the count grows only in ~5 MB steps of data.
 */

/** Excel on the web's payload limit. */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** What we allow ourselves per request: the limit minus a margin for Office.js's own envelope. */
export const DEFAULT_BUDGET = 4_500_000;
/** Per-operation envelope estimate (object path, method id, ids). */
export const OP_OVERHEAD = 160;

/** UTF-8 byte length of a string, without allocating. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Estimated bytes of a JSON value as Office.js serialises it. */
export function jsonBytes(v: unknown): number {
  return utf8Length(JSON.stringify(v) ?? 'null');
}

export interface SyncContext {
  sync(): Promise<unknown>;
}

/** Counts bytes queued since the last sync and syncs before the budget would be crossed. */
export class Batcher {
  private queued = 0;
  syncs = 0;
  maxQueued = 0;
  constructor(private readonly ctx: SyncContext, readonly budget = DEFAULT_BUDGET) {}

  /** Reserve room for an operation of `bytes`; syncs first when it would not fit. */
  async reserve(bytes: number): Promise<void> {
    const b = bytes + OP_OVERHEAD;
    if (this.queued > 0 && this.queued + b > this.budget) await this.sync();
    this.queued += b;
    if (this.queued > this.maxQueued) this.maxQueued = this.queued;
  }

  /** Reserve without ever syncing (for small fixed operations). */
  add(bytes: number): void {
    this.queued += bytes + OP_OVERHEAD;
    if (this.queued > this.maxQueued) this.maxQueued = this.queued;
  }

  get pending(): number {
    return this.queued;
  }

  async sync(): Promise<void> {
    await this.ctx.sync();
    this.syncs++;
    this.queued = 0;
  }
}

/**
 * Split rows of a 2D array into chunks whose JSON stays under `maxBytes` each.
 * Returns [startIndex, endIndexExclusive, bytes] triples.
 */
export function chunkRows(rows: unknown[][], maxBytes: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  let start = 0;
  let acc = 2;
  for (let i = 0; i < rows.length; i++) {
    const b = jsonBytes(rows[i]) + 1;
    if (i > start && acc + b > maxBytes) {
      out.push([start, i, acc]);
      start = i;
      acc = 2;
    }
    acc += b;
  }
  if (rows.length > start) out.push([start, rows.length, acc]);
  return out;
}

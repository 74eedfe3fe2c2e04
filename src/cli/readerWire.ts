/**
 * How a reader's result travels to the main process (src/cli/readerChild.ts → readerPool.ts). A
 * consolidate result's input is packed (core/consolidate/wire.ts): a few typed arrays and one string
 * instead of thousands of small objects, whose keys were most of the message and whose copying was
 * most of the main process's time during the read (competing with the readers for the cores). The
 * other kinds of results travel as they are. Kept apart from readerJobs.ts: the main process loads
 * only this.
 */
import type { ConsolidationInput } from '../core/consolidate/types';
import { pack, unpack } from '../core/consolidate/wire';
import type { Packed } from '../core/consolidate/wire';
import type { ConsolidateResult, ReaderJobKind } from './readerJobs';

export interface ConsolidateWire {
  input: Packed;
  read: number;
  check: number;
}

/** In the reader: a job's result as it is sent. */
export function toWire(kind: ReaderJobKind, result: unknown): unknown {
  if (kind !== 'consolidate') return result;
  const r = result as ConsolidateResult;
  return { input: pack(r.input), read: r.read, check: r.check } satisfies ConsolidateWire;
}

/** In the main process: a job's result as it was before toWire. */
export function fromWire(kind: ReaderJobKind, sent: unknown): unknown {
  if (kind !== 'consolidate') return sent;
  const w = sent as ConsolidateWire;
  return { input: unpack(w.input) as ConsolidationInput, read: w.read, check: w.check } satisfies ConsolidateResult;
}

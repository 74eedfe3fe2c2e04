/** Build a consolidation input from what a host read: a refusal, or a raw submission to check. Pure. */
import type { Catalog } from '../catalog/types';
import type { RawSubmission, Settings } from '../plan/types';
import { sha256 } from '../util/sha256';
import { checkSubmission } from '../validate';
import type { Finding } from '../validate/types';
import type { ConsolidationInput } from './types';

export type ReadOutcome = { raw: RawSubmission; refusal?: undefined } | { raw?: undefined; refusal: Finding };

/**
 * One file → ConsolidationInput. `hash` may be given when already computed (the SHA-256 of the
 * bytes); otherwise it is computed here. `modifiedAt` is the file's modification time (ISO) as
 * the host knows it (fs mtime, File.lastModified); the workbook's own saved time comes with the
 * reading (RawSubmission.savedAt).
 */
export function inputOf(fileName: string, bytes: Uint8Array, read: ReadOutcome, catalog: Catalog, settings: Settings, hash?: string, modifiedAt?: string): ConsolidationInput {
  const base: Omit<ConsolidationInput, 'outcome'> = { fileName, sha256: hash ?? sha256(bytes), size: bytes.length };
  if (modifiedAt) base.modifiedAt = modifiedAt;
  if (read.raw?.savedAt) base.savedAt = read.raw.savedAt;
  if (read.refusal) return { ...base, outcome: { kind: 'refused', finding: read.refusal } };
  const { submission, findings } = checkSubmission(read.raw, catalog, settings);
  return { ...base, outcome: { kind: 'checked', raw: read.raw, submission, findings } };
}

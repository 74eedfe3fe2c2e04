/** Node's zlib for the fast reader (synchronous: far cheaper than a DecompressionStream per part), capped. */
import * as zlib from 'zlib';

/** Raw inflate that throws (ERR_BUFFER_TOO_LARGE) past maxOutputLength instead of filling memory with a zip bomb. */
export const inflateRaw = (data: Uint8Array, maxOutputLength?: number, sizeHint?: number): Uint8Array => {
  const max = maxOutputLength ? Math.max(1, Math.min(maxOutputLength, 0x7fffffff)) : undefined;
  // The whole part in one output chunk when the directory's size is right (and within the cap):
  // zlib then returns that chunk instead of concatenating 16 KB pieces into a second copy.
  const chunkSize = sizeHint && sizeHint > 65536 ? Math.min(sizeHint + 1, max === undefined ? sizeHint + 1 : max + 1) : undefined;
  const out = zlib.inflateRawSync(data, { ...(max === undefined ? {} : { maxOutputLength: max }), ...(chunkSize ? { chunkSize } : {}) });
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
};

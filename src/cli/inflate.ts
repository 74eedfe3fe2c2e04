/** Node's zlib for the fast reader (synchronous: far cheaper than a DecompressionStream per part), capped. */
import * as zlib from 'zlib';

/** Raw inflate that throws (ERR_BUFFER_TOO_LARGE) past maxOutputLength instead of filling memory with a zip bomb. */
export const inflateRaw = (data: Uint8Array, maxOutputLength?: number): Uint8Array => {
  const out = zlib.inflateRawSync(data, maxOutputLength ? { maxOutputLength: Math.max(1, Math.min(maxOutputLength, 0x7fffffff)) } : {});
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
};

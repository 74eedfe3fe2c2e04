/**
 * HMAC-SHA256 (RFC 2104 with SHA-256, as RFC 4231 tests it) over the pure sha256 of ./sha256: no
 * Node crypto, no WebCrypto, so the core signs and checks the same way in the CLI, the page and the
 * add-in. Keys and messages are bytes or UTF-8 text; the result is lower-case hex.
 */
import { sha256 } from './sha256';

const BLOCK = 64;

const utf8 = (x: Uint8Array | string): Uint8Array => (typeof x === 'string' ? new TextEncoder().encode(x) : x);

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** HMAC-SHA256(key, message) as hex. A key longer than the 64-byte block is hashed first (RFC 2104). */
export function hmacSha256(key: Uint8Array | string, message: Uint8Array | string): string {
  let k = utf8(key);
  if (k.length > BLOCK) k = hexBytes(sha256(k));
  const ipad = new Uint8Array(BLOCK);
  const opad = new Uint8Array(BLOCK);
  for (let i = 0; i < BLOCK; i++) {
    const b = i < k.length ? k[i] : 0;
    ipad[i] = b ^ 0x36;
    opad[i] = b ^ 0x5c;
  }
  const inner = hexBytes(sha256(concat(ipad, utf8(message))));
  return sha256(concat(opad, inner));
}

/** Equality of two texts that takes the same time wherever they differ (for comparing MACs). */
export function sameText(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

/**
 * Node's on-disk cache of compiled code (node:module enableCompileCache, Node ≥ 22.1; TypeScript's
 * own tsc turns it on the same way): a reader process loads some seventy modules before its first
 * file, and with the cache it compiles them once per machine rather than once per reader. Imported
 * first by src/cli/readerChild.ts. Where Node has no such cache, or cannot write it, nothing changes.
 */
import * as nodeModule from 'module';

try {
  (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
} catch {
  // no cache: modules are compiled as before
}

/** The e2e tests and bench:taskpane find Chromium without a hard-coded path. */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from './build';

function fakeBrowser(dir: string, name: string): string {
  const p = join(dir, name);
  writeFileSync(p, '#!/bin/sh\n');
  chmodSync(p, 0o755);
  return p;
}

describe('findChromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'find-chromium-'));

  it('takes $CHROMIUM_PATH first', () => {
    const p = fakeBrowser(dir, 'my-chrome');
    expect(findChromium({ CHROMIUM_PATH: p, PATH: '' })).toBe(p);
  });

  it('refuses a $CHROMIUM_PATH that is not executable, naming it', () => {
    expect(() => findChromium({ CHROMIUM_PATH: join(dir, 'missing') })).toThrow(/CHROMIUM_PATH=.*missing/);
  });

  it('finds chromium on PATH', () => {
    const sub = mkdtempSync(join(dir, 'bin-'));
    const p = fakeBrowser(sub, 'chromium-browser');
    expect(findChromium({ PATH: `/nonexistent:${sub}` })).toBe(p);
  });
});

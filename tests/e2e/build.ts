/** Build the add-in once (production mode) into a temporary directory. */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Debian's Chromium (never a downloaded browser), found without a hard-coded path: $CHROMIUM_PATH
 * (or $CHROME_PATH) first, then the names it has on PATH, then the usual install locations.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const isExecutable = (p: string) => { try { accessSync(p, constants.X_OK); return true; } catch { return false; } };
  for (const v of [env.CHROMIUM_PATH, env.CHROME_PATH]) {
    if (v) {
      if (isExecutable(v)) return v;
      throw new Error(`CHROMIUM_PATH=${v} is not an executable file`);
    }
  }
  const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
  const dirs = (env.PATH ?? '').split(':').filter(Boolean);
  const candidates = [
    ...names.flatMap((n) => dirs.map((d) => join(d, n))),
    '/usr/lib/chromium/chromium', '/snap/bin/chromium', '/opt/google/chrome/chrome',
  ];
  const found = candidates.find(isExecutable);
  if (!found) throw new Error('Chromium not found: install Debian\'s chromium (npm run test:install) or set CHROMIUM_PATH');
  return found;
}

export function buildAddin(opts: { officeJs?: boolean; baseUrl?: string } = {}): string {
  const out = mkdtempSync(join(tmpdir(), 'addin-build-'));
  const root = join(__dirname, '..', '..');
  const args = [join(root, 'node_modules', 'webpack', 'bin', 'webpack.js'), '--mode', 'production', '--env', `outDir=${out}`];
  if (opts.officeJs === false) args.push('--env', 'noOfficeJs');
  execFileSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ADDIN_BASE_URL: opts.baseUrl ?? '' } });
  return out;
}

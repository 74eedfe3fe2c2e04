/** Build the add-in once (production mode) into a temporary directory. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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

export function buildAddin(opts: { officeJs?: boolean; baseUrl?: string } = {}): string {
  const out = mkdtempSync(join(tmpdir(), 'addin-build-'));
  const root = join(__dirname, '..', '..');
  const args = [join(root, 'node_modules', 'webpack', 'bin', 'webpack.js'), '--mode', 'production', '--env', `outDir=${out}`];
  if (opts.officeJs === false) args.push('--env', 'noOfficeJs');
  execFileSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ADDIN_BASE_URL: opts.baseUrl ?? '' } });
  return out;
}

/**
 * The Content-Security-Policy of taskpane.html and commands.html (scripts/addin/csp.js): only the
 * page's own origin, no eval, no inline script; the same policy in both page templates (as <meta>)
 * and as the dev server's header. The built pages are checked in tests/e2e/taskpane.e2e.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const { contentSecurityPolicy } = require('../../scripts/addin/csp.js') as { contentSecurityPolicy: (o?: { dev?: boolean; port?: number }) => string };
const makeConfig = require('../../webpack.config.js') as (env: Record<string, unknown>, argv: { mode: string }) => any;

function parsePolicy(policy: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of policy.split(';').map((p) => p.trim()).filter(Boolean)) {
    const [name, ...sources] = part.split(/\s+/);
    out[name] = sources;
  }
  return out;
}

test('the policy allows the own origin only: no host, no scheme but data: for images, no eval', () => {
  const p = parsePolicy(contentSecurityPolicy());
  expect(p['default-src']).toEqual(["'none'"]);
  expect(p['script-src']).toEqual(["'self'"]);
  expect(p['connect-src']).toEqual(["'self'"]);
  expect(p['object-src']).toEqual(["'none'"]);
  expect(p['base-uri']).toEqual(["'none'"]);
  // Fluent UI inserts its styles at run time (checked in Chromium by the e2e test).
  expect(p['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
  for (const [name, sources] of Object.entries(p)) {
    for (const s of sources) {
      const ok = ["'self'", "'none'"].includes(s) || (name === 'style-src' && s === "'unsafe-inline'") || (name === 'img-src' && s === 'data:');
      expect([name, s, ok]).toEqual([name, s, true]);
    }
  }
  expect(contentSecurityPolicy()).not.toMatch(/unsafe-eval|https?:|\*/);
});

test('the dev policy adds only the dev server\'s live-reload socket on localhost', () => {
  const dev = parsePolicy(contentSecurityPolicy({ dev: true, port: 3456 }));
  expect(dev['connect-src']).toEqual(["'self'", 'ws://localhost:3456', 'wss://localhost:3456']);
  const prod = parsePolicy(contentSecurityPolicy());
  expect({ ...dev, 'connect-src': prod['connect-src'] }).toEqual(prod);
});

test('webpack puts the policy in both pages and in the dev server\'s header; no eval source map', () => {
  for (const mode of ['production', 'development']) {
    const config = makeConfig({ outDir: join(root, 'test-artifacts', 'csp-config-unused') }, { mode });
    const policy = contentSecurityPolicy({ dev: mode === 'development', port: Number(process.env.ADDIN_PORT || 3000) });
    const pages = config.plugins.filter((p: any) => p.constructor.name === 'HtmlWebpackPlugin').map((p: any) => [p.userOptions.filename, p.userOptions.csp]);
    expect(pages).toEqual([['taskpane.html', policy], ['commands.html', policy]]);
    expect(config.devServer.headers['Content-Security-Policy']).toBe(policy);
    expect(String(config.devtool)).not.toMatch(/eval/);
  }
});

test('both page templates carry the policy first in <head>, no script of their own and no office.js tag', () => {
  for (const file of ['src/taskpane/taskpane.html', 'src/commands/commands.html']) {
    const html = readFileSync(join(root, file), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    const head = html.slice(html.indexOf('<head>') + 6, html.indexOf('</head>'));
    const tags = head.split('\n').map((l) => l.trim()).filter(Boolean);
    expect([file, tags[0]]).toEqual([file, '<meta charset="UTF-8" />']);
    expect([file, tags[1]]).toEqual([file, '<meta http-equiv="Content-Security-Policy" content="<%= htmlWebpackPlugin.options.csp %>" />']);
    expect([file, /<script/i.test(html), /office\.js/.test(html)]).toEqual([file, false, false]);
  }
});

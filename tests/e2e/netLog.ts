/**
 * Everything a browser context asks for, for the privacy checks of the e2e tests: every request
 * (pages, frames, workers) and WebSocket, every Content-Security-Policy violation (the securitypolicyviolation
 * event, reported through a Playwright binding, which CSP does not govern, so it also sees
 * reloads) and every console line about the policy.
 */
import type { BrowserContext } from 'playwright-core';

export interface NetLog {
  /** Every URL requested, in order. */
  urls: string[];
  /** Each violation as "directive blocked-URI source:line". */
  violations: string[];
  /** Console lines that mention the Content Security Policy. */
  cspConsole: string[];
  /** The requests that leave `origin` (blob: URLs of the page itself stay; data: is no request). */
  offOrigin(): string[];
}

export async function recordNetwork(context: BrowserContext, origin: string): Promise<NetLog> {
  const log: NetLog = {
    urls: [],
    violations: [],
    cspConsole: [],
    offOrigin: () =>
      log.urls.filter((u) => {
        if (u.startsWith('data:')) return false;
        const inner = u.startsWith('blob:') ? u.slice(5) : u;
        try {
          return new URL(inner).origin !== origin;
        } catch {
          return true;
        }
      }),
  };
  context.on('request', (r) => log.urls.push(r.url()));
  // WebSockets are no 'request' event.
  context.on('page', (p) => p.on('websocket', (ws) => log.urls.push(ws.url())));
  context.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) log.cspConsole.push(m.text());
  });
  await context.exposeBinding('__reportCspViolation', (_source, v: string) => void log.violations.push(v));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCspViolation(v: string): void }).__reportCspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return log;
}

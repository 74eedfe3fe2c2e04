'use strict';
/**
 * The Content-Security-Policy of both pages (taskpane.html, commands.html): a <meta> in the built
 * HTML (webpack.config.js) and the same policy as a header from the dev server (start.js).
 *
 * Only the page's own origin. Everything the page loads is in the build: its scripts and lazy
 * chunks, office.js and the files office.js loads (host file, strings, all under office-js/).
 * Inside Office, office.js talks to Excel by postMessage (Excel on the web) or the webview's
 * native bridge (desktop), which CSP does not govern, so no Office origin is needed; its own
 * telemetry (*.pipe.aria.microsoft.com) is refused, like any other request off the machine.
 *
 *   style-src 'unsafe-inline'  Fluent UI (griffel) inserts <style> rules at run time, and
 *                              office.js's Excel host files set inline styles (office-js#1687).
 *   img-src data:              Fluent UI and the page use no image outside the build; data: URIs
 *                              are inline bytes, never a request.
 *   frame-src 'self'           office.js's own notice frame (office-js/agaveerrorux) on Excel on the web.
 *
 * Not set here: frame-ancestors (a <meta> cannot carry it, and Office on the web frames the page
 * from origins Microsoft changes: officeapps.live.com, *.officeapps.live.com, excel.cloud.microsoft,
 * *.sharepoint.com…). A server that hosts the add-in may add it as a header.
 * No 'unsafe-eval', no inline script: the dev build uses a source map without eval.
 */

/** @param {{ dev?: boolean, port?: number }} [opts] */
function contentSecurityPolicy(opts = {}) {
  const connect = ["'self'"];
  // webpack-dev-server's live reload socket (same origin; listed for browsers that do not count ws: as 'self').
  if (opts.dev) connect.push(`ws://localhost:${opts.port ?? 3000}`, `wss://localhost:${opts.port ?? 3000}`);
  const directives = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': connect,
    'frame-src': ["'self'"],
    'worker-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  };
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}

module.exports = { contentSecurityPolicy };

/**
 * office.js is loaded only when an Office application hosts the page. Opened in a plain browser
 * (file mode) office.js finds no host and loads its "outside Office" helpers, which open a frame
 * on telemetryservice.firstpartyapps.oaspapps.com: the page would talk to Microsoft although it
 * works without Office. So the page asks first, with the signals office.js itself reads to find
 * its host (office.js 1.1, _retrieveHostInfo and the plain-browser check in office.debug.js):
 *
 *   - `_host_Info=` in the URL query: Office appends it to SourceLocation (Excel on Windows with
 *     WebView2 or EdgeHTML, Mac, iPad, Excel on the web), e.g. `?_host_Info=Excel$Win32$16.01$zh-CN$$$$0`;
 *   - `hostInfo` in window.name (JSON) and `hostInfoValue` in sessionStorage (kept by office.js when
 *     the add-in navigates within itself and the query is gone);
 *   - `window.external.GetHostInfo` / `GetContext`, `agaveHost.GetHostInfo`: the native bridges of
 *     older desktop hosts (Internet Explorer webview);
 *   - `&_xdm_Info=` in the URL fragment, or an `_xdm_` session key in window.name: older Excel on the web.
 *
 * None of them is there in a plain browser. `?mode=file` never loads office.js; `?mode=office`
 * always does (to try a host this list misses).
 */

/** What the page can see of its embedding. A subset of `window`, so tests can pass a plain object. */
export interface HostEnv {
  location?: { search?: string; hash?: string };
  name?: string;
  sessionStorage?: { getItem(key: string): string | null } | null;
  external?: unknown;
  agaveHost?: unknown;
}

export type HostSignal = 'forced' | 'query' | 'window-name' | 'session' | 'native-bridge' | 'xdm';

const isFunction = (o: unknown, key: string): boolean => {
  try {
    return !!o && typeof (o as Record<string, unknown>)[key] === 'function';
  } catch {
    // Internet Explorer's window.external throws on unknown members.
    return false;
  }
};

/** Which Office hosting signal the page carries, or null in a plain browser (or with ?mode=file). */
export function officeHostSignal(env: HostEnv): HostSignal | null {
  const search = env.location?.search ?? '';
  const mode = new URLSearchParams(search).get('mode');
  if (mode === 'file') return null;
  if (mode === 'office') return 'forced';
  if (/[?&]_host_Info=[^&#]/.test(search)) return 'query';
  const name = env.name ?? '';
  if (name.startsWith('{')) {
    try {
      if ((JSON.parse(name) as { hostInfo?: unknown } | null)?.hostInfo) return 'window-name';
    } catch {
      /* not office.js's JSON */
    }
  }
  try {
    if (env.sessionStorage?.getItem('hostInfoValue')) return 'session';
  } catch {
    /* storage disabled */
  }
  if (isFunction(env.external, 'GetHostInfo') || isFunction(env.external, 'GetContext') || isFunction(env.agaveHost, 'GetHostInfo')) return 'native-bridge';
  if ((env.location?.hash ?? '').includes('&_xdm_Info=') || name.includes('_xdm_')) return 'xdm';
  return null;
}

export const OFFICE_JS = 'office-js/office.js';

/**
 * Adds <script src="office-js/office.js"> (same origin, from this build) and resolves with the
 * Office global once it ran; resolves undefined if it could not load. office.js finds its other
 * files from this script's src.
 */
export function loadOfficeJs(doc: Document, src = OFFICE_JS): Promise<unknown> {
  return new Promise((resolve) => {
    const script = doc.createElement('script');
    script.src = src;
    script.onload = () => resolve((globalThis as { Office?: unknown }).Office);
    script.onerror = () => resolve(undefined);
    doc.head.appendChild(script);
  });
}

/** The Office global when an Office application hosts this page (office.js loaded), else undefined without any request. */
export function officeIfHosted(): Promise<unknown> {
  const w = globalThis as unknown as HostEnv & { document?: Document };
  if (!w.document || !officeHostSignal(w)) return Promise.resolve(undefined);
  return loadOfficeJs(w.document);
}

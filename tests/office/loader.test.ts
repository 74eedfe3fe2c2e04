/** @jest-environment jsdom */
/**
 * office.js is loaded only when Office hosts the page: the signals office.js itself reads to find
 * its host (src/hosts/office/loader.ts). A plain browser shows none of them, so the page never
 * requests office.js there; each Office hosting signal on its own is enough.
 */
import { loadOfficeJs, officeHostSignal, officeIfHosted, type HostEnv } from '../../src/hosts/office/loader';

/** What Chromium shows a page opened from a file server: window.external has only its search-provider stubs. */
const plain = (over: Partial<HostEnv> = {}): HostEnv => ({
  location: { search: '', hash: '' },
  name: '',
  sessionStorage: { getItem: () => null },
  external: { AddSearchProvider() {}, IsSearchProviderInstalled() {} },
  ...over,
});

test('a plain browser carries no Office signal: no office.js', () => {
  expect(officeHostSignal(plain())).toBeNull();
  expect(officeHostSignal(plain({ location: { search: '?tab=consolidate', hash: '#top' } }))).toBeNull();
  expect(officeHostSignal({})).toBeNull();
  // Lookalikes are not signals: an empty _host_Info, another parameter's name, a window.name that is not office.js's JSON.
  expect(officeHostSignal(plain({ location: { search: '?_host_Info=' } }))).toBeNull();
  expect(officeHostSignal(plain({ location: { search: '?my_host_Info=Excel' } }))).toBeNull();
  expect(officeHostSignal(plain({ name: '{"other":1}' }))).toBeNull();
  expect(officeHostSignal(plain({ name: '{broken' }))).toBeNull();
  // jsdom's own window is a plain browser too.
  expect(officeHostSignal(window)).toBeNull();
});

test('each way an Office application tells the page it hosts it is enough on its own', () => {
  // Excel on Windows (WebView2), Mac, iPad: the query Office appends to SourceLocation, also after our own parameters.
  expect(officeHostSignal(plain({ location: { search: '?_host_Info=Excel$Win32$16.01$zh-CN$$$$0' } }))).toBe('query');
  expect(officeHostSignal(plain({ location: { search: '?tab=consolidate&_host_Info=Excel|Web|16.00|zh-CN|5f1c|' } }))).toBe('query');
  // After navigating within the add-in the query is gone: office.js keeps it in window.name or sessionStorage.
  expect(officeHostSignal(plain({ name: JSON.stringify({ hostInfo: 'Excel|Web|16.00|zh-CN' }) }))).toBe('window-name');
  expect(officeHostSignal(plain({ sessionStorage: { getItem: (k) => (k === 'hostInfoValue' ? 'Excel$Win32$16.01$zh-CN' : null) } }))).toBe('session');
  // Older desktop hosts (Internet Explorer webview): the native bridge on window.external, or agaveHost.
  expect(officeHostSignal(plain({ external: { GetHostInfo: () => 'Excel$Win32$16.01' } }))).toBe('native-bridge');
  expect(officeHostSignal(plain({ external: { GetContext: () => ({}) } }))).toBe('native-bridge');
  expect(officeHostSignal(plain({ agaveHost: { GetHostInfo: () => 'Excel$Mac$16.00' } }))).toBe('native-bridge');
  // Older Excel on the web: the XDM info in the fragment or the session key in window.name.
  expect(officeHostSignal(plain({ location: { search: '', hash: '#&_xdm_Info=abc$def' } }))).toBe('xdm');
  expect(officeHostSignal(plain({ name: '_xdm_123' }))).toBe('xdm');
});

test('?mode=file wins over every signal; ?mode=office forces office.js', () => {
  expect(officeHostSignal(plain({ location: { search: '?mode=file&_host_Info=Excel$Win32$16.01$zh-CN' } }))).toBeNull();
  expect(officeHostSignal(plain({ location: { search: '?mode=office' } }))).toBe('forced');
});

test('a window.external that throws on unknown members (Internet Explorer) or a storage that throws is no crash', () => {
  const throwing = new Proxy({}, { get: () => { throw new Error('Object does not support this property'); } });
  expect(officeHostSignal(plain({ external: throwing }))).toBeNull();
  expect(officeHostSignal(plain({ sessionStorage: { getItem: () => { throw new Error('SecurityError'); } } }))).toBeNull();
});

test('officeIfHosted in a plain page adds no script and resolves undefined', async () => {
  await expect(officeIfHosted()).resolves.toBeUndefined();
  expect(document.querySelectorAll('script').length).toBe(0);
});

test('loadOfficeJs adds one same-origin script and resolves with the Office global once it ran', async () => {
  const g = globalThis as { Office?: unknown };
  const loading = loadOfficeJs(document);
  const scripts = [...document.querySelectorAll('script')];
  expect(scripts.map((s) => s.getAttribute('src'))).toEqual(['office-js/office.js']);
  g.Office = { onReady: () => Promise.resolve({ host: 'Excel' }) };
  scripts[0].dispatchEvent(new Event('load'));
  await expect(loading).resolves.toBe(g.Office);
  delete g.Office;
  const failing = loadOfficeJs(document, 'office-js/missing.js');
  document.querySelector('script[src="office-js/missing.js"]')!.dispatchEvent(new Event('error'));
  await expect(failing).resolves.toBeUndefined();
  document.head.replaceChildren();
});

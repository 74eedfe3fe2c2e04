'use strict';
/**
 * The production manifest: the dev URLs (https://localhost:3000/…) rewritten to the base URL
 * where the built add-in is hosted (env ADDIN_BASE_URL, e.g. https://intranet.example.org/plan-budget/).
 */
const DEV_ORIGIN = 'https://localhost:3000';

function normaliseBase(baseUrl) {
  const u = new URL(baseUrl);
  if (u.protocol !== 'https:' && u.hostname !== 'localhost' && u.hostname !== '127.0.0.1')
    throw new Error(`ADDIN_BASE_URL must be https (Office loads add-ins only over https): ${baseUrl}`);
  return { origin: u.origin, base: `${u.origin}${u.pathname.replace(/\/+$/, '')}` };
}

function rewriteManifest(xml, baseUrl) {
  if (!baseUrl) return xml;
  const { origin, base } = normaliseBase(baseUrl);
  return xml
    .replace(/<AppDomain>https:\/\/localhost:3000\/?<\/AppDomain>/g, `<AppDomain>${origin}</AppDomain>`)
    .split(DEV_ORIGIN)
    .join(base);
}

module.exports = { rewriteManifest, DEV_ORIGIN };

#!/usr/bin/env node
/**
 * npm start: build the add-in and serve it on localhost with webpack-dev-server.
 * https with the Office dev certificates (office-addin-dev-certs) when they can be installed;
 * otherwise plain http on localhost, and it says so. Prints the URL and how to sideload only when
 * the first build is done (the page answers at once), never while webpack is still compiling.
 */
'use strict';
const path = require('node:path');
const webpack = require('webpack');
const WebpackDevServer = require('webpack-dev-server');
const makeConfig = require('../../webpack.config.js');

const root = path.join(__dirname, '..', '..');
const port = Number(process.env.ADDIN_PORT || 3000);

async function httpsOptions() {
  if (process.env.ADDIN_HTTP === '1') return { why: 'ADDIN_HTTP=1' };
  try {
    const certs = require('office-addin-dev-certs');
    const timeout = new Promise((_, rej) => setTimeout(() => rej(new Error('timed out installing the dev certificate')), 20000));
    const options = await Promise.race([certs.getHttpsServerOptions(), timeout]);
    return { options };
  } catch (e) {
    return { why: String((e && e.message) || e).split('\n')[0] };
  }
}

async function main() {
  const tls = await httpsOptions();
  const https = !!tls.options;
  const config = makeConfig({}, { mode: 'development' });
  // webpack-dev-server's own "Project is running at …" comes before the build is done: quiet; the
  // URL is printed below once the page is ready.
  config.infrastructureLogging = { ...(config.infrastructureLogging || {}), level: 'warn' };
  const compiler = webpack(config);
  // The first finished build: the URL is printed only then (a request before it waits on webpack).
  const firstBuild = new Promise((resolve) => {
    let done = false;
    compiler.hooks.done.tap('plan-budget-start', (stats) => {
      if (done) return;
      done = true;
      resolve(stats);
    });
  });
  const server = new WebpackDevServer(
    { ...config.devServer, port, server: https ? { type: 'https', options: tls.options } : { type: 'http' } },
    compiler,
  );
  console.log('正在构建加载项（首次约 20 秒）… / Building the add-in (about 20 s the first time)…');
  await server.start();
  const stats = await firstBuild;
  if (stats.hasErrors()) {
    console.error(stats.toString({ all: false, errors: true, colors: true }));
    console.error('构建失败，见上方错误。 / The build failed: see the errors above.');
  }
  const base = `${https ? 'https' : 'http'}://localhost:${port}`;
  const lines = [
    '',
    '计划预算编制助手 — the add-in is built and served (the page is ready):',
    `  Task pane:  ${base}/taskpane.html   (also works in any browser on .xlsx files, no Excel needed)`,
    `  Manifest:   ${path.join(root, 'manifest.xml')}`,
    '',
    https
      ? '  HTTPS with the Office development certificate (office-addin-dev-certs).'
      : `  PLAIN HTTP: the Office dev certificate could not be installed here (${tls.why}).\n` +
        '  Excel loads add-ins only over https, so sideloading needs https: run `npx office-addin-dev-certs install`\n' +
        '  on a machine where it can add the certificate, then `npm start` again. The page itself works over http in a browser.',
    '',
    'Sideload in Excel (details: docs/ADDIN.md):',
    '  Windows desktop: share a folder holding manifest.xml (\\\\machine\\share), add it under File › Options › Trust Center ›',
    '                   Trust Center Settings › Trusted Add-in Catalogs (tick "Show in Menu"), restart Excel,',
    '                   then Home › Add-ins › More Add-ins › Shared Folder › 计划预算编制助手. Or `npm run sideload`.',
    '  Mac:             copy manifest.xml to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/ , restart Excel,',
    '                   then Home › Add-ins › My Add-ins (developer add-ins).',
    '  Excel on the web: open a workbook, Home › Add-ins › More Add-ins › My Add-ins › Upload My Add-in › manifest.xml.',
    '',
    'Stop with Ctrl+C.',
  ];
  console.log(lines.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

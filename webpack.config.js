/**
 * Builds the Excel add-in: task pane (taskpane.html), ribbon commands (commands.html), office.js
 * served from the build (office-js/, no CDN), icons, and manifest.xml (URLs rewritten to
 * ADDIN_BASE_URL in production). The core engine and the xlsx engine are separate lazy chunks.
 *
 *   npx webpack --mode production                 → dist/
 *   npx webpack --mode production --env outDir=/tmp/x --env noOfficeJs   (tests)
 */
'use strict';
const path = require('node:path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { rewriteManifest } = require('./scripts/addin/manifest.js');
const { contentSecurityPolicy } = require('./scripts/addin/csp.js');

/** Minify with esbuild (a devDependency): same size as terser, a fraction of the time on 2 cores. */
class EsbuildMinify {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.compilation.tap('EsbuildMinify', (compilation) => {
      compilation.hooks.processAssets.tapPromise({ name: 'EsbuildMinify', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE }, async (assets) => {
        const esbuild = require('esbuild');
        await Promise.all(
          Object.keys(assets)
            .filter((name) => name.endsWith('.js') && !name.startsWith('office-js/'))
            .map(async (name) => {
              const { code } = await esbuild.transform(assets[name].source().toString(), { minify: true, target: 'es2020', legalComments: 'none', charset: 'utf8' });
              compilation.updateAsset(name, new sources.RawSource(code), { minimized: true });
            }),
        );
      });
    });
  }
}

const OFFICE_JS = path.dirname(require.resolve('@microsoft/office-js/dist/office.js'));

/**
 * The built-in outline's catalog, parsed here at build time (core/catalog under tsx) and given to
 * the task pane as JSON text (__PB_DEFAULT_CATALOG__, src/taskpane/builtInCatalog.ts): the page
 * starts without running the outline parser and without lunar-typescript (key dates), which then
 * load only when an outline is parsed. tests/taskpane/builtInCatalog.test.ts: the same as defaultCatalog().
 */
function defaultCatalogJson() {
  // Bundled by esbuild and run here, not require()d through a TypeScript loader: webpack's
  // persistent cache follows the config's own require()s and would then track the sources as build
  // dependencies. The value itself is tracked by DefinePlugin (modules using it rebuild when it changes).
  const { outputFiles } = require('esbuild').buildSync({
    stdin: { contents: "module.exports = require('./src/core/catalog/index.ts').defaultCatalog();", resolveDir: __dirname, loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'error',
  });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', outputFiles[0].text)(mod, mod.exports, require);
  return JSON.stringify(mod.exports);
}

module.exports = (env = {}, argv = {}) => {
  const prod = (argv.mode ?? process.env.NODE_ENV) === 'production';
  const outDir = path.resolve(env.outDir || path.join(__dirname, 'dist'));
  const baseUrl = env.baseUrl || process.env.ADDIN_BASE_URL || '';
  const port = Number(process.env.ADDIN_PORT || 3000);
  // One policy for both pages, as <meta> in the HTML and as a header from the dev server (scripts/addin/csp.js).
  const csp = contentSecurityPolicy({ dev: !prod, port });
  return {
    mode: prod ? 'production' : 'development',
    // No eval-based source map in development: the Content-Security-Policy has no 'unsafe-eval'.
    devtool: prod ? false : 'cheap-module-source-map',
    target: 'web',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
    },
    output: {
      path: outDir,
      filename: prod ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: prod ? '[name].[contenthash:8].js' : '[name].js',
      publicPath: 'auto',
      // Keep the CLI build (dist/node) that shares dist/.
      clean: { keep: /^(node|office-js)(\/|\\|$)/ },
    },
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true,
              // ES modules so that import() becomes a lazy chunk and unused code is dropped.
              compilerOptions: { module: 'esnext', moduleResolution: 'bundler', target: 'es2020', sourceMap: !prod },
            },
          },
        },
      ],
    },
    cache: { type: 'filesystem', name: prod ? 'addin-prod' : 'addin-dev', buildDependencies: { config: [__filename] } },
    optimization: {
      minimize: prod,
      minimizer: [new EsbuildMinify()],
      splitChunks: { chunks: 'async' },
      runtimeChunk: false,
    },
    performance: { hints: false },
    plugins: [
      new webpack.DefinePlugin({ __PB_DEFAULT_CATALOG__: JSON.stringify(defaultCatalogJson()) }),
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane'], csp }),
      new HtmlWebpackPlugin({ filename: 'commands.html', template: './src/commands/commands.html', chunks: ['commands'], csp }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => (prod && baseUrl ? rewriteManifest(content.toString(), baseUrl) : content),
          },
          ...(env.noOfficeJs
            ? []
            : [
                {
                  from: OFFICE_JS,
                  to: 'office-js',
                  globOptions: { ignore: ['**/*.debug.js', '**/office-vsdoc.js', '**/*.d.ts'] },
                },
              ]),
        ],
      }),
    ],
    devServer: {
      static: { directory: outDir },
      port,
      host: 'localhost',
      headers: { 'Access-Control-Allow-Origin': '*', 'Content-Security-Policy': csp },
      hot: false,
      liveReload: true,
      devMiddleware: { writeToDisk: true },
      client: { overlay: false },
    },
  };
};

module.exports.defaultCatalogJson = defaultCatalogJson;

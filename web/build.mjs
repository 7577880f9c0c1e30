// build.mjs bundles the web UI into dist/, which the Go package embeds:
//
//   dist/index.html            the page, naming the hashed bundles
//   dist/assets/app-HASH.js    src/main.js and its npm dependencies
//   dist/assets/app-HASH.css   our styles plus Leaflet's, markercluster's and uPlot's
//   dist/geo/countries-*.json  Natural Earth outlines from world-atlas, for the offline basemap
//
// Every file also gets a .gz sibling that the server sends to clients that
// take gzip. Run it with `npm run build` (or `make web` from the repo root);
// `npm run watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { mkdir, readdir, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
const watch = process.argv.includes('--watch');

async function clean() {
  await mkdir(dist, { recursive: true });
  for (const name of await readdir(dist)) {
    if (name !== 'README.txt') await rm(path.join(dist, name), { recursive: true, force: true });
  }
  await mkdir(path.join(dist, 'assets'), { recursive: true });
  await mkdir(path.join(dist, 'geo'), { recursive: true });
}

async function gzipFile(file) {
  const data = await readFile(file);
  await writeFile(file + '.gz', gzipSync(data, { level: 9 }));
}

async function copyOutlines() {
  for (const name of ['countries-110m.json', 'countries-50m.json']) {
    const to = path.join(dist, 'geo', name);
    await copyFile(path.join(here, 'node_modules', 'world-atlas', name), to);
    await gzipFile(to);
  }
  await copyFile(path.join(here, 'node_modules', 'world-atlas', 'LICENSE'), path.join(dist, 'geo', 'LICENSE.world-atlas.txt'));
}

function indexHTML(js, css) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="sitrep-config" content="">
<title>sitrep</title>
<link rel="stylesheet" href="/assets/${css}">
<script type="module" src="/assets/${js}"></script>
</head>
<body>
<div id="app" aria-live="polite"><p class="loading">Loading sitrep…</p></div>
<noscript>The sitrep UI needs JavaScript. The data is available without it at <a href="/api/events">/api/events</a>.</noscript>
</body>
</html>
`;
}

const options = {
  entryPoints: { app: path.join(here, 'src', 'main.js') },
  bundle: true,
  format: 'esm',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  minify: true,
  sourcemap: false,
  legalComments: 'linked',
  outdir: path.join(dist, 'assets'),
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  loader: { '.png': 'dataurl', '.svg': 'dataurl' },
  metafile: true,
  logLevel: 'warning',
};

async function finish(result) {
  let js = '', css = '';
  for (const out of Object.keys(result.metafile.outputs)) {
    const base = path.basename(out);
    if (base.endsWith('.js')) js = base;
    if (base.endsWith('.css')) css = base;
    if (/\.(js|css)$/.test(base)) await gzipFile(path.resolve(here, out));
  }
  if (!js || !css) throw new Error('build: esbuild wrote no JavaScript or no CSS bundle');
  await writeFile(path.join(dist, 'index.html'), indexHTML(js, css));
  const sizes = [];
  for (const f of [js, css]) {
    const raw = (await readFile(path.join(dist, 'assets', f))).length;
    const gz = (await readFile(path.join(dist, 'assets', f + '.gz'))).length;
    sizes.push(`${f} ${(raw / 1024).toFixed(0)} KiB (${(gz / 1024).toFixed(0)} KiB gzipped)`);
  }
  console.log('built web/dist: ' + sizes.join(', '));
}

await clean();
await copyOutlines();
if (watch) {
  const ctx = await esbuild.context({
    ...options,
    plugins: [{ name: 'finish', setup(b) { b.onEnd(r => r.errors.length ? null : finish(r).catch(e => console.error(e))); } }],
  });
  await ctx.watch();
  console.log('watching web/src for changes');
} else {
  await finish(await esbuild.build(options));
}

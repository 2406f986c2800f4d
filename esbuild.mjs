// Three bundles: the extension host (cjs, Node 20, `vscode` external), the webviews (browser iife), and OpenAI's
// tokenizer apart from the host (its ranks are megabytes: the host loads dist/tokenizer-o200k.js on the first estimate,
// never at activation).
// `--production` minifies and drops source maps; `--watch` rebuilds on change.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// For bench/: `--host-only --outdir=DIR` builds just the host bundle(s) into DIR.
const hostOnly = process.argv.includes('--host-only');
const outdir = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length);

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: 'none',
};

const TOKENIZER_MODULE = 'gpt-tokenizer/encoding/o200k_base';

/** The host's `import('gpt-tokenizer/encoding/o200k_base')` loads the separate bundle next to extension.js. */
const tokenizerApart = {
  name: 'tokenizer-apart',
  setup(build) {
    build.onResolve({ filter: /^gpt-tokenizer\/encoding\/o200k_base$/ }, () => ({ path: './tokenizer-o200k.js', external: true }));
  },
};

/** @type {import('esbuild').BuildOptions} */
const tokenizer = {
  ...common,
  sourcemap: false,
  entryPoints: { 'tokenizer-o200k': TOKENIZER_MODULE },
  outdir: 'dist',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
};

/**
 * The host is two bundles: `extension.js`, which VS Code loads and which runs almost nothing, and
 * `extensionWiring.js` (every service, zod, markdown-it…), which `activate` loads with `import()`: this plugin keeps
 * that import a load of the sibling bundle instead of inlining it…
 * @type {import('esbuild').Plugin}
 */
const lazyWiring = {
  name: 'lazy-extension-wiring',
  setup(build) {
    build.onResolve({ filter: /^\.\/host\/extensionWiring\.js$/ }, (args) =>
      args.importer.endsWith('extension.ts') && args.kind === 'dynamic-import' ? { path: './extensionWiring.js', external: true } : undefined,
    );
  },
};

/** @type {import('esbuild').BuildOptions} */
const host = {
  ...common,
  entryPoints: { extension: 'src/extension.ts', extensionWiring: 'src/host/extensionWiring.ts' },
  plugins: [lazyWiring, tokenizerApart],
  // …and a `require` (the extension host hooks `require('vscode')`), not a native ESM import.
  supported: { 'dynamic-import': false },
  outdir: outdir ?? 'dist',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  mainFields: ['module', 'main'],
};

/** @type {import('esbuild').BuildOptions} */
const webview = {
  ...common,
  entryPoints: {
    results: 'src/webview/results/main.ts',
    sidebar: 'src/webview/sidebar/main.ts',
    leaderboard: 'src/webview/leaderboard/main.ts',
  },
  outdir: 'dist/webview',
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
};

/** The codicon font and css are served to webviews from media/codicons (generated, git-ignored). */
function copyCodicons() {
  mkdirSync('media/codicons', { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) copyFileSync(`node_modules/@vscode/codicons/dist/${f}`, `media/codicons/${f}`);
}

/** A release bundle has no source maps: drop stale ones from a dev build so they are not packaged. */
function removeSourceMaps() {
  if (!existsSync('dist')) return;
  for (const f of readdirSync('dist', { recursive: true, encoding: 'utf8' })) if (f.endsWith('.map')) rmSync(`dist/${f}`, { force: true });
}

async function main() {
  if (hostOnly) {
    await esbuild.build({ ...host, logLevel: 'warning' });
    return;
  }
  if (production) removeSourceMaps();
  copyCodicons();
  if (watch) {
    const contexts = await Promise.all([host, webview, tokenizer].map((c) => esbuild.context(c)));
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all([host, webview, tokenizer].map((c) => esbuild.build(c)));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// Three sets of bundles: the extension host (cjs, Node 20, `vscode` external), the webviews (browser iife), and the
// big libraries the host loads on first use, each its own bundle next to it: OpenAI's tokenizer (its ranks are
// megabytes: dist/tokenizer-o200k.js, on the first estimate) and the two provider SDKs (dist/sdk-openai.js and
// dist/sdk-anthropic.js, when a provider first sends a request) and `yaml` (dist/yaml.js, on the first promptfoo
// export), never at activation.
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

/** Bundle name → the module the host imports with `import()` on first use. */
const APART = { 'tokenizer-o200k': 'gpt-tokenizer/encoding/o200k_base', 'sdk-openai': 'openai', 'sdk-anthropic': '@anthropic-ai/sdk', yaml: 'yaml' };

/**
 * The host's `import('openai')` (and the others in APART) loads the separate bundle next to extension.js instead of
 * inlining it. Only dynamic imports: a static import would put the library back on the activation path, so it fails
 * the build (type-only imports are erased before this runs).
 * @type {import('esbuild').Plugin}
 */
const librariesApart = {
  name: 'libraries-apart',
  setup(build) {
    for (const [bundle, module] of Object.entries(APART)) {
      const filter = new RegExp(`^${module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
      build.onResolve({ filter }, (args) => {
        if (args.kind !== 'dynamic-import') return { errors: [{ text: `${module} must be loaded with import() (it is bundled apart as dist/${bundle}.js)` }] };
        return { path: `./${bundle}.js`, external: true };
      });
    }
  },
};

/** @type {import('esbuild').BuildOptions} */
const apart = {
  ...common,
  sourcemap: false,
  entryPoints: APART,
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
  plugins: [lazyWiring, librariesApart],
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
    const contexts = await Promise.all([host, webview, apart].map((c) => esbuild.context(c)));
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all([host, webview, apart].map((c) => esbuild.build(c)));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// Two bundles: the extension host (cjs, Node 20, `vscode` external) and the webview (browser iife).
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: 'none',
};

const host = {
  ...common,
  entryPoints: { extension: 'src/extension.ts' },
  outdir: 'dist',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  mainFields: ['module', 'main'],
};

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
async function copyCodicons() {
  const { mkdirSync, copyFileSync } = await import('node:fs');
  mkdirSync('media/codicons', { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) copyFileSync(`node_modules/@vscode/codicons/dist/${f}`, `media/codicons/${f}`);
}

async function main() {
  const { existsSync } = await import('node:fs');
  if (production) {
    // A release bundle starts from an empty dist/, so no stale source maps from a dev build get packaged.
    const { rmSync } = await import('node:fs');
    rmSync('dist', { recursive: true, force: true });
  }
  await copyCodicons();
  // Webview entries that do not exist yet are skipped, so the build works while features land.
  const wv = { ...webview, entryPoints: Object.fromEntries(Object.entries(webview.entryPoints).filter(([, p]) => existsSync(p))) };
  const configs = [host, wv].filter((c) => Object.keys(c.entryPoints).length > 0);
  if (watch) {
    const ctxs = await Promise.all(configs.map((c) => esbuild.context(c)));
    await Promise.all(ctxs.map((c) => c.watch()));
    return;
  }
  await Promise.all(configs.map((c) => esbuild.build(c)));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

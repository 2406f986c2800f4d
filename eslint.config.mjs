// Lint is a gate: `npm run lint` runs `eslint . --max-warnings=0`, and `npm test` runs it.
// Type-aware rules (floating promises, misused promises) on every TypeScript file, and the layer zones:
//   src/core, src/shared   never import vscode, src/host or src/webview (src/shared not src/core either);
//   src/webview            never imports vscode, src/host, node: built-ins or the Node-only core;
//   src/demo               never imports vscode, src/host or src/webview;
//   src, scripts           never import test/.
import { builtinModules } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const root = dirname(fileURLToPath(import.meta.url));

/** `no-restricted-imports` entries for modules the resolver cannot see (vscode has types only; node: built-ins). */
const noVscode = { name: 'vscode', message: 'This layer runs without VS Code: take what you need as a parameter, or move the code to src/host.' };
const noDynamicVscode = { selector: "ImportExpression[source.value='vscode']", message: noVscode.message };
const browserOnly = 'Webview code runs in a browser: Node built-ins are not available there.';
const noNodeBuiltins = { group: ['node:*', ...builtinModules.flatMap((m) => [m, `${m}/*`])], message: browserOnly };

/** Node-only parts of src/core: SDK calls, the fan-out engine, the preference log file store, verification (git, processes). */
const nodeOnlyCore = ['src/core/providers', 'src/core/compare', 'src/core/prefs/preferenceLog.ts', 'src/core/verify'];

/** One zone per forbidden direction; `target` files may not import from `from`. */
const zones = [
  { target: 'src/core', from: 'src/host', message: 'src/core is pure: it never imports src/host.' },
  { target: 'src/core', from: 'src/webview', message: 'src/core is pure: it never imports src/webview.' },
  { target: 'src/shared', from: 'src/host', message: 'src/shared never imports src/host.' },
  { target: 'src/shared', from: 'src/webview', message: 'src/shared never imports src/webview.' },
  { target: 'src/shared', from: 'src/core', message: 'src/shared imports nothing from src/core: move the constant to src/shared.' },
  { target: 'src/webview', from: 'src/host', message: 'Webview code never imports src/host: talk to it through src/shared/protocol.' },
  ...nodeOnlyCore.map((from) => ({ target: 'src/webview', from, message: `Webview code never imports Node-only core (${from}).` })),
  { target: 'src/webview', from: 'src/demo', message: 'Webview code never imports the offline demo servers.' },
  { target: 'src/demo', from: 'src/host', message: 'src/demo never imports src/host.' },
  { target: 'src/demo', from: 'src/webview', message: 'src/demo never imports src/webview.' },
  { target: 'src', from: 'test', message: 'Product code never imports test code.' },
  { target: 'scripts', from: 'test', message: 'Scripts never import test code: move shared code to src/ or scripts/lib.' },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'media/', 'test/fixtures/', 'test-results/', '.vscode-test/', '.cache/', 'bench/results/'] },

  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'] })],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A view created after the connection that feeds it is read (in a callback) before it is assigned.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'import-x/no-restricted-paths': ['error', { basePath: root, zones }],
      'no-restricted-imports': 'off',
    },
  },

  // Plain JavaScript build and test scripts: no type information.
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', setTimeout: 'readonly', URL: 'readonly' },
    },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // Layers the resolver cannot check: modules with no file to resolve.
  {
    files: ['src/core/**', 'src/shared/**', 'src/demo/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode] }], 'no-restricted-syntax': ['error', noDynamicVscode] },
  },
  {
    files: ['src/webview/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode], patterns: [noNodeBuiltins] }],
      'no-restricted-syntax': ['error', noDynamicVscode, { selector: "ImportExpression[source.value=/^node:/]", message: browserOnly }],
    },
  },
);

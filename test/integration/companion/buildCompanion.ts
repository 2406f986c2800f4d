/**
 * Bundles the companion test extension (and the integration suites it runs) into an unpacked extension folder,
 * e.g. `<extensions-dir>/parallax-dev.parallax-test-companion-0.0.1`, which VS Code loads like an installed one.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const COMPANION_DIR = __dirname;

export interface CompanionManifest {
  publisher: string;
  name: string;
  version: string;
}

export function companionManifest(): CompanionManifest {
  return JSON.parse(readFileSync(join(COMPANION_DIR, 'package.json'), 'utf8')) as CompanionManifest;
}

/** `<publisher>.<name>`, the id VS Code gives the companion. */
export function companionId(): string {
  const m = companionManifest();
  return `${m.publisher}.${m.name}`;
}

/** Folder name VS Code expects for an unpacked extension in an extensions dir. */
export function companionFolderName(): string {
  const m = companionManifest();
  return `${m.publisher}.${m.name}-${m.version}`;
}

/** Builds the companion into `targetDir` (package.json + dist/extension.js). */
export async function buildCompanion(targetDir: string): Promise<void> {
  mkdirSync(join(targetDir, 'dist'), { recursive: true });
  copyFileSync(join(COMPANION_DIR, 'package.json'), join(targetDir, 'package.json'));
  await esbuild.build({
    entryPoints: [join(COMPANION_DIR, 'src', 'extension.ts')],
    outfile: join(targetDir, 'dist', 'extension.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
    // mocha's parallel mode (unused here) resolves worker files at run time.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
}

export interface VscodeEnv {
  codeServerVersion: string;
  /** code-server's `out/node/entry.js`, run with this Node. */
  codeServerEntry: string;
  chromiumPath: string;
}

/** `$PARALLAX_CACHE_DIR`, else `~/.cache/parallax`. */
export function parallaxCacheDir(): string;
/** `<cache>/vscode-env.json`, written last by scripts/setup-vscode.mjs. */
export function vscodeEnvFile(): string;
export function readVscodeEnv(): VscodeEnv;

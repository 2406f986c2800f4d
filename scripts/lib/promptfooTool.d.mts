export const PROMPTFOO_VERSION: string;
/** `<parallax cache>/promptfoo-<version>`. */
export function promptfooDir(): string;
/** promptfoo's CLI entry point, run with `node`. */
export function promptfooEntry(): string;
/** The environment for a promptfoo run: no telemetry, update check or sharing; its config kept in `configDir`. */
export function promptfooEnv(configDir: string, extra?: Record<string, string>): NodeJS.ProcessEnv;
/** Installs the pinned promptfoo once (idempotent) and returns its CLI entry point; throws when npm fails. */
export function ensurePromptfoo(log?: (message: string) => void): string;

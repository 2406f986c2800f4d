/**
 * How the real agent CLIs are pointed at the fake servers, offline: Claude Code through environment variables,
 * Codex through a `config.toml` in its own CODEX_HOME with a custom provider speaking the Responses API.
 * Used by the tests and the e2e harness; nothing here is used by the extension itself.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Environment variables any offline agent run gets: no update checks, no telemetry, nothing else to reach. */
export function offlineBaseEnv(home: string, extra: { proxyUrl?: string | undefined } = {}): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    NO_COLOR: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_ERROR_REPORTING: '1',
  };
  // Anything that tries to leave the machine goes to this proxy (a trap that records it); the fakes stay direct.
  if (extra.proxyUrl) {
    Object.assign(env, {
      HTTP_PROXY: extra.proxyUrl,
      HTTPS_PROXY: extra.proxyUrl,
      http_proxy: extra.proxyUrl,
      https_proxy: extra.proxyUrl,
      NO_PROXY: '127.0.0.1,localhost',
      no_proxy: '127.0.0.1,localhost',
    });
  }
  return env;
}

export interface ClaudeCodeOfflineOptions {
  /** The fake servers' URL (no /v1): Claude Code posts to `${baseUrl}/v1/messages?beta=true`. */
  baseUrl: string;
  apiKey: string;
  /** A fresh directory used as HOME and (under it) CLAUDE_CONFIG_DIR. */
  home: string;
  proxyUrl?: string | undefined;
}

export function claudeCodeOfflineEnv(opts: ClaudeCodeOfflineOptions): Record<string, string> {
  return {
    ...offlineBaseEnv(opts.home, { proxyUrl: opts.proxyUrl }),
    CLAUDE_CONFIG_DIR: join(opts.home, '.claude'),
    ANTHROPIC_BASE_URL: opts.baseUrl,
    ANTHROPIC_API_KEY: opts.apiKey,
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  };
}

/** `claude -p` with stream-json output, allowed to read and edit files only (never the skip-permissions flag). */
export function claudeCodeArgs(task: string, model: string, allowedTools = ['Read', 'Edit', 'Write']): string[] {
  return ['-p', task, '--model', model, '--output-format', 'stream-json', '--verbose', '--permission-mode', 'acceptEdits', '--allowedTools', allowedTools.join(',')];
}

export interface CodexOfflineOptions {
  /** The fake servers' OpenAI base URL, ending in /v1. */
  openaiBaseUrl: string;
  apiKey: string;
  /**
   * CODEX_HOME. Codex warns when it is under a temp directory, so tests put it under ~/.cache/parallax-test.
   * HOME is set to the same directory.
   */
  codexHome: string;
  /** A model Codex knows (e.g. `gpt-5.5`) gets its `apply_patch` tool; an unknown one only its shell. */
  model: string;
  proxyUrl?: string | undefined;
}

const CODEX_KEY_VAR = 'PARALLAX_FAKE_OPENAI_KEY';

/** Writes `config.toml` into CODEX_HOME and returns the environment for `codex exec`. */
export function codexOfflineEnv(opts: CodexOfflineOptions): Record<string, string> {
  mkdirSync(opts.codexHome, { recursive: true });
  const toml = [
    `model = ${JSON.stringify(opts.model)}`,
    'model_provider = "parallax-fake"',
    // Startup traffic a test must not make: the update check, the curated plugins sync (github.com, chatgpt.com)
    // and usage metrics (ab.chatgpt.com).
    'check_for_update_on_startup = false',
    '',
    '[model_providers.parallax-fake]',
    'name = "parallax-fake"',
    `base_url = ${JSON.stringify(opts.openaiBaseUrl)}`,
    `env_key = "${CODEX_KEY_VAR}"`,
    'wire_api = "responses"',
    '',
    '[analytics]',
    'enabled = false',
    '',
    '[features]',
    'plugins = false',
    '',
  ].join('\n');
  writeFileSync(join(opts.codexHome, 'config.toml'), toml);
  return { ...offlineBaseEnv(opts.codexHome, { proxyUrl: opts.proxyUrl }), CODEX_HOME: opts.codexHome, [CODEX_KEY_VAR]: opts.apiKey };
}

/** `codex exec --json` in its workspace-write sandbox (never the bypass flag). */
export function codexArgs(task: string): string[] {
  return ['exec', '--json', '--skip-git-repo-check', '--sandbox', 'workspace-write', task];
}

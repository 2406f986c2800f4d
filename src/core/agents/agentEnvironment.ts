/**
 * The environment an agent process gets: a minimal allow-list of the user's variables (how to find programs, the
 * home and locale, proxies and certificates), the profile's own settings, and the profile's key under the one
 * variable that CLI reads. Never the whole environment, never another provider's key.
 */
import type { AgentProfileId } from './agentProfiles';

export const PASSED_VARIABLES: readonly string[] = [
  'PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'TERM', 'TMPDIR', 'TZ',
  'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'no_proxy', 'all_proxy',
  'SSL_CERT_FILE', 'SSL_CERT_DIR', 'NODE_EXTRA_CA_CERTS', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME',
  // Windows
  'SYSTEMROOT', 'SystemRoot', 'WINDIR', 'APPDATA', 'LOCALAPPDATA', 'USERPROFILE', 'COMSPEC', 'PATHEXT', 'TEMP', 'TMP',
];

/** Each CLI's own config location, passed to that CLI only. */
const PROFILE_VARIABLES: Readonly<Record<AgentProfileId, readonly string[]>> = {
  'claude-code': ['CLAUDE_CONFIG_DIR'],
  codex: ['CODEX_HOME'],
  aider: [],
  command: [],
};

export interface AgentEnvInput {
  profile: AgentProfileId;
  /** The profile's variables (agentLaunch's `env`). */
  extra: Readonly<Record<string, string>>;
  /** The key, when there is one, and the variable it goes in. */
  key?: { variable: string; value: string };
}

export function agentEnvironment(input: AgentEnvInput, userEnv: NodeJS.ProcessEnv): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of [...PASSED_VARIABLES, ...PROFILE_VARIABLES[input.profile]]) {
    const value = userEnv[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, input.extra);
  if (input.key) env[input.key.variable] = input.key.value;
  return env;
}

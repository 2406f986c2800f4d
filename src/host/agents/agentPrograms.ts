/**
 * Which program an agent profile runs: the path in `parallax.agents.paths` (an application-scoped setting; only
 * the user's own value counts, never a workspace's), else the profile's program on PATH. Also the `--version`
 * probe that "Add Model…" shows.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { agentEnvironment } from '../../core/agents/agentEnvironment';
import { AGENT_PROFILES, type AgentProfileId } from '../../core/agents/agentProfiles';

export const AGENT_PATHS_SETTING = 'parallax.agents.paths';
const VERSION_TIMEOUT_MS = 10_000;

/** The user's own `parallax.agents.paths` (workspace values are never read). */
export function configuredAgentPaths(): Partial<Record<AgentProfileId, string>> {
  const inspected = vscode.workspace.getConfiguration().inspect<Record<string, unknown>>(AGENT_PATHS_SETTING);
  const value = inspected?.globalValue ?? {};
  const out: Partial<Record<AgentProfileId, string>> = {};
  for (const [key, path] of Object.entries(value)) {
    if (key in AGENT_PROFILES && typeof path === 'string' && path.trim() !== '') out[key as AgentProfileId] = path.trim();
  }
  return out;
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `name` looked up on PATH, as a shell would, or undefined. */
export function onPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    for (const ext of exts) {
      const file = join(dir, name + ext);
      if (isExecutable(file)) return file;
    }
  }
  return undefined;
}

export type ResolvedProgram = { ok: true; path: string; from: 'setting' | 'PATH' } | { ok: false; problem: string };

/** The program of a built-in profile (not `command`, whose program is its template's first element). */
export function resolveAgentProgram(profile: Exclude<AgentProfileId, 'command'>): ResolvedProgram {
  const configured = configuredAgentPaths()[profile];
  const name = AGENT_PROFILES[profile].name;
  if (configured !== undefined) {
    if (!isAbsolute(configured)) return { ok: false, problem: `"${AGENT_PATHS_SETTING}" gives ${name} as "${configured}": use an absolute path.` };
    return isExecutable(configured) ? { ok: true, path: configured, from: 'setting' } : { ok: false, problem: `${name} was not found at ${configured} (from "${AGENT_PATHS_SETTING}").` };
  }
  const found = onPath(AGENT_PROFILES[profile].defaultBinary ?? profile);
  return found ? { ok: true, path: found, from: 'PATH' } : { ok: false, problem: `${name} (${AGENT_PROFILES[profile].defaultBinary}) is not on PATH. Install it, or set its path in "${AGENT_PATHS_SETTING}" in your user settings.` };
}

/** The first line `program --version` prints, or why it printed none. */
export function programVersion(profile: AgentProfileId, program: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(program, ['--version'], { timeout: VERSION_TIMEOUT_MS, env: agentEnvironment({ profile, extra: {} }, process.env), windowsHide: true }, (err, stdout, stderr) => {
      const line = `${stdout}`.trim().split('\n')[0] || `${stderr}`.trim().split('\n')[0];
      resolve(err && !line ? `no version (${err.message.split('\n')[0]})` : line ?? '');
    });
  });
}

/**
 * Settings that decide where requests go or where data is written can only come from the user (application or
 * machine scope, restricted in untrusted workspaces, read from the global value only); no setting can hold a key.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './sourceScan';

interface SettingSchema {
  type?: string;
  scope?: string;
  description?: string;
  markdownDescription?: string;
  properties?: Record<string, SettingSchema>;
  items?: SettingSchema;
  additionalProperties?: SettingSchema | boolean;
}

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, SettingSchema> } };
};
const settings = manifest.contributes.configuration.properties;

/** Field names that choose an endpoint or a place on disk. */
const ROUTING_FIELD = /(?:url|uri|endpoint|host|path|dir|directory|folder|command|executable)$/i;
/** Field names that would hold a credential. */
const CREDENTIAL_FIELD = /^(?:api[-_]?key|key|secret|token|access[-_]?token|password|authorization|credentials?)$/i;

/** Every property name reachable in a setting's JSON schema, the setting's own last segment included. */
function fieldNames(key: string, schema: SettingSchema): string[] {
  const nested = (s: SettingSchema | boolean | undefined): string[] => {
    if (!s || s === true) return [];
    return [...Object.entries(s.properties ?? {}).flatMap(([name, child]) => [name, ...nested(child)]), ...nested(s.items), ...nested(s.additionalProperties)];
  };
  return [key.split('.').pop() ?? key, ...nested(schema)];
}

const routingSettings = Object.entries(settings)
  .filter(([key, schema]) => fieldNames(key, schema).some((name) => ROUTING_FIELD.test(name)))
  .map(([key]) => key);

/**
 * Settings a workspace may set because their value is never used before the user confirmed that exact value in a
 * modal, in a trusted workspace (the verification command, issue 9). They stay restricted in untrusted workspaces.
 */
const CONFIRMED_BEFORE_USE: Record<string, string> = { 'parallax.verify.command': join('src', 'host', 'verify', 'verifyConfirmation.ts') };
const scopedSettings = routingSettings.filter((key) => !(key in CONFIRMED_BEFORE_USE));

describe('security: manifest settings', () => {
  it('finds the settings that route requests or data (models with baseUrl, the log path)', () => {
    assert.ok(routingSettings.includes('parallax.models'), routingSettings.join(', '));
    assert.ok(routingSettings.includes('parallax.preferenceLogPath'), routingSettings.join(', '));
  });

  it('every such setting is application- or machine-scoped', () => {
    const wrong = scopedSettings.filter((key) => !['application', 'machine'].includes(settings[key]?.scope ?? 'window'));
    assert.deepEqual(wrong, []);
  });

  it('every such setting is restricted in untrusted workspaces, which Parallax supports only in a limited way', () => {
    const { supported, restrictedConfigurations = [] } = manifest.capabilities.untrustedWorkspaces;
    assert.ok(supported === 'limited' || supported === false);
    assert.deepEqual(routingSettings.filter((key) => !restrictedConfigurations.includes(key)), []);
  });

  it('the host reads every such setting from the user (global) value only', () => {
    const host = readFileSync(join(REPO_ROOT, 'src', 'host', 'config', 'settings.ts'), 'utf8');
    const userOnly = /USER_ONLY_KEYS[^=]*=\s*new Set\(\[([^\]]*)\]\)/.exec(host)?.[1] ?? '';
    const keys = [...userOnly.matchAll(/'([^']+)'/g)].map((m) => `parallax.${m[1]}`);
    assert.deepEqual(scopedSettings.filter((key) => !keys.includes(key)), []);
    assert.match(host, /\.inspect\(/);
    assert.match(host, /globalValue\s*\?\?\s*\w+\.defaultValue/);
  });

  it('workspace-widening settings (context, prices, limits, the confirmation threshold) are application-scoped, restricted and read from the user value only', () => {
    const widening = ['parallax.context', 'parallax.prices', 'parallax.limits', 'parallax.confirmAboveUsd'];
    const { restrictedConfigurations = [] } = manifest.capabilities.untrustedWorkspaces;
    const host = readFileSync(join(REPO_ROOT, 'src', 'host', 'config', 'settings.ts'), 'utf8');
    const userOnly = /USER_ONLY_KEYS[^=]*=\s*new Set\(\[([^\]]*)\]\)/.exec(host)?.[1] ?? '';
    for (const key of widening) {
      assert.equal(settings[key]?.scope, 'application', key);
      assert.ok(restrictedConfigurations.includes(key), key);
      assert.ok(userOnly.includes(`'${key.slice('parallax.'.length)}'`), key);
    }
  });

  it('a setting a workspace may set is used only after a trusted workspace and a modal confirmation of its exact value', () => {
    assert.ok(routingSettings.includes('parallax.verify.command'), 'the verification command is found as a routing setting');
    for (const [key, file] of Object.entries(CONFIRMED_BEFORE_USE)) {
      const source = readFileSync(join(REPO_ROOT, file), 'utf8');
      assert.match(source, /vscode\.workspace\.isTrusted/, `${key}: checks Workspace Trust`);
      assert.match(source, /modal: true/, `${key}: asks in a modal`);
      assert.match(source, /confirmationKey\(folder\.uri, check\.command\)/, `${key}: remembers the exact command per workspace`);
    }
  });

  it('no setting has a field that holds a key, and the headers field warns against putting one there', () => {
    const credentialFields = Object.entries(settings).flatMap(([key, schema]) => fieldNames(key, schema).filter((n) => CREDENTIAL_FIELD.test(n)).map((n) => `${key}: ${n}`));
    assert.deepEqual(credentialFields, []);
    const headers = settings['parallax.models']?.items?.properties?.headers;
    assert.match(headers?.description ?? '', /API key/i);
  });
});

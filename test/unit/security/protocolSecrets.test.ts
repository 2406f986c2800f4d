/**
 * No webview message can carry a key or a model's headers: every field name reachable in every schema of the
 * host ↔ webview protocol is checked, and a message with such fields added loses them when validated.
 */
import assert from 'node:assert/strict';
import type { z } from 'zod';
import * as leaderboardProtocol from '../../../src/shared/leaderboardProtocol';
import * as protocol from '../../../src/shared/protocol';

/** Field names that would hold a credential or the headers that carry one. */
const SECRET_FIELD = /^(?:api[-_]?key\w*|key[-_]?value|secrets?|password|token|access[-_]?token|headers?|authorization|x-api-key|bearer|credentials?)$/i;

interface ZodDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  element?: z.ZodType;
  innerType?: z.ZodType;
  valueType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
}

const defOf = (schema: z.ZodType): ZodDef => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;

/** Every object field name reachable from `schema`, with its path. */
function fieldPaths(schema: z.ZodType, path = '', seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  const children: Array<[string, z.ZodType]> = [];
  if (def.shape) children.push(...Object.entries(def.shape).map(([name, child]): [string, z.ZodType] => [`${path}.${name}`, child]));
  for (const option of def.options ?? []) children.push([path, option]);
  for (const inner of [def.element, def.innerType, def.valueType, def.in, def.out]) if (inner) children.push([path, inner]);
  return children.flatMap(([childPath, child]) => [...(childPath !== path ? [childPath] : []), ...fieldPaths(child, childPath, seen)]);
}

const schemas = Object.entries({ ...protocol, ...leaderboardProtocol }).filter(([name, value]) => name.endsWith('Schema') && typeof value === 'object' && value !== null && '_zod' in value) as Array<
  [string, z.ZodType]
>;

describe('security: the webview protocol has no place for a key or headers', () => {
  it('finds the message schemas of every direction', () => {
    const names = schemas.map(([name]) => name);
    for (const expected of ['sidebarToHostSchema', 'hostToSidebarSchema', 'resultsToHostSchema', 'hostToResultsSchema', 'leaderboardToHostSchema', 'hostToLeaderboardSchema']) {
      assert.ok(names.includes(expected), `${expected} is exported`);
    }
    assert.ok(fieldPaths(protocol.hostToResultsSchema).includes('.run.columns.model'), 'the walk reaches nested fields');
  });

  it('the field check itself recognises key and header fields', () => {
    for (const name of ['apiKey', 'api_key', 'apiKeyEnv', 'headers', 'Authorization', 'secret', 'token', 'x-api-key']) assert.ok(SECRET_FIELD.test(name), name);
    for (const name of ['key', 'inputTokens', 'model', 'provider', 'reasoningTokens']) assert.ok(!SECRET_FIELD.test(name), name);
  });

  it('no field of any protocol schema can hold a key or headers', () => {
    const leaks = schemas.flatMap(([name, schema]) =>
      fieldPaths(schema)
        .filter((path) => SECRET_FIELD.test(path.split('.').pop() ?? ''))
        .map((path) => `${name}${path}`),
    );
    assert.deepEqual(leaks, []);
  });

  it('a host message with a model config (apiKey, headers) smuggled in is stripped to the protocol fields', () => {
    const run = {
      runId: 'r1',
      template: 'fix',
      title: 'Fix',
      createdAt: '2025-06-01T10:00:00.000Z',
      requestHash: 'f'.repeat(64),
      contextLabel: 'src/a.ts:1-3',
      columns: [{ columnId: 'c0', displayLabel: 'GPT', provider: 'openai', model: 'gpt-4.1', apiKey: 'sk-leak-0123456789abcdef', headers: { Authorization: 'Bearer leak' } }],
      states: [],
      blind: false,
      readOnly: false,
      reasonTags: [],
    };
    const parsed = protocol.parseMessage(protocol.hostToResultsSchema, { type: 'run', run });
    assert.ok(parsed.ok);
    assert.ok(!JSON.stringify(parsed.message).includes('leak'));
  });
});

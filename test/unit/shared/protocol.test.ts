import assert from 'node:assert/strict';
import { hostToResultsSchema, hostToSidebarSchema, parseMessage, resultsToHostSchema, sidebarToHostSchema } from '../../../src/shared/protocol';
import { leaderboardToHostSchema } from '../../../src/shared/leaderboardProtocol';
import { EXPORT_FORMATS, MAX_MODELS, TEMPLATE_IDS } from '../../../src/shared/vocabulary';

describe('protocol', () => {
  it('accepts a well-formed run request from the sidebar', () => {
    const r = parseMessage(sidebarToHostSchema, { type: 'run', template: 'fix', modelIds: ['a', 'b'], includeWholeFile: false });
    assert.equal(r.ok, true);
    if (r.ok) assert.equal(r.message.type, 'run');
  });

  it('rejects unknown message types and says where', () => {
    const r = parseMessage(sidebarToHostSchema, { type: 'rm -rf' });
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.error, /type/);
  });

  it('rejects a wrong field type with the field path', () => {
    const r = parseMessage(resultsToHostSchema, { type: 'apply', columnId: 42 });
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.error, /columnId/);
  });

  it(`accepts ${MAX_MODELS} models in one run and rejects more (the vocabulary's model limit)`, () => {
    const run = (count: number) => {
      const modelIds = Array.from({ length: count }, (_, i) => `m${i}`);
      return parseMessage(sidebarToHostSchema, { type: 'run', template: 'fix', modelIds, includeWholeFile: false }).ok;
    };
    assert.equal(run(MAX_MODELS), true);
    assert.equal(run(MAX_MODELS + 1), false);
  });

  it('knows every template and export format of the vocabulary, and nothing else', () => {
    for (const template of TEMPLATE_IDS) assert.equal(parseMessage(sidebarToHostSchema, { type: 'run', template, modelIds: ['a'], includeWholeFile: false }).ok, true, template);
    assert.equal(parseMessage(sidebarToHostSchema, { type: 'run', template: 'poem', modelIds: ['a'], includeWholeFile: false }).ok, false);
    for (const format of EXPORT_FORMATS) assert.equal(parseMessage(leaderboardToHostSchema, { type: 'export', format }).ok, true, format);
    assert.equal(parseMessage(leaderboardToHostSchema, { type: 'export', format: 'xml' }).ok, false);
  });

  it('rejects a vote with an unknown kind', () => {
    assert.equal(parseMessage(resultsToHostSchema, { type: 'vote', vote: { kind: 'bribe', tags: [] } }).ok, false);
    assert.equal(parseMessage(resultsToHostSchema, { type: 'vote', vote: { kind: 'tie', tags: ['fast'] } }).ok, true);
  });

  it('validates batched updates to the results panel', () => {
    const ok = parseMessage(hostToResultsSchema, {
      type: 'updates',
      runId: 'r1',
      updates: [
        { kind: 'delta', columnId: 'c0', channel: 'text', text: 'hi' },
        { kind: 'state', columnId: 'c0', state: 'done' },
      ],
    });
    assert.equal(ok.ok, true);
    const bad = parseMessage(hostToResultsSchema, { type: 'updates', runId: 'r1', updates: [{ kind: 'state', columnId: 'c0', state: 'exploded' }] });
    assert.equal(bad.ok, false);
  });

  it('host → sidebar state requires every field', () => {
    assert.equal(parseMessage(hostToSidebarSchema, { type: 'state', state: { models: [] } }).ok, false);
    const state = { models: [], problems: [], context: null, estimate: null, recentRuns: [], running: false, trusted: true };
    assert.equal(parseMessage(hostToSidebarSchema, { type: 'state', state }).ok, true);
  });

  it('leaderboard export formats are a closed set', () => {
    assert.equal(parseMessage(leaderboardToHostSchema, { type: 'export', format: 'csv' }).ok, true);
    assert.equal(parseMessage(leaderboardToHostSchema, { type: 'export', format: 'exe' }).ok, false);
  });
});

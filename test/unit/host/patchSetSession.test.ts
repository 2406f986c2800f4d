/**
 * A run session turns a multi-file answer into a patch set (file list in the column, Apply refused when a path is),
 * keeps a single-file answer on today's flow, and records a multi-file Apply with its files.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompareModel } from '../../../src/core/compare/compareEngine';
import type { LogEntry } from '../../../src/core/prefs/logEvents';
import { PreferenceLog } from '../../../src/core/prefs/preferenceLog';
import type { ChatProvider, StreamEvent } from '../../../src/core/providers/provider';
import { RunRecorder } from '../../../src/host/prefs/runRecorder';
import { assignColumns } from '../../../src/host/results/blindColumns';
import { RunSession, type SessionPlan } from '../../../src/host/run/runSession';
import type { ColumnUpdate } from '../../../src/shared/protocol';
import { reviewLabel, patchFileLine } from '../../../src/webview/results/patchFileList';
import { F, PAGINATION, workspace } from '../edits/patchSetFixtures';

const SELECTION = '  const end = start + pageSize - 1;\n';

function answering(text: string): ChatProvider {
  return {
    async *stream(): AsyncIterable<StreamEvent> {
      yield { type: 'text', text };
      yield { type: 'done', finishReason: 'stop' };
    },
  };
}

const TWO_FILES = [
  '--- a/src/pagination.js', '+++ b/src/pagination.js', '@@', '-  const end = start + pageSize - 1;', '+  const end = start + pageSize;',
  '--- /dev/null', '+++ b/test/end.test.js', '@@ -0,0 +1 @@', "+test('end', () => {});",
].join('\n');
const OUTSIDE = `\`../outside.txt\`:\n${F}text\npwned\n${F}`;
const SINGLE = `${F}javascript\n  const end = start + pageSize;\n${F}`;

function plan(answers: Record<string, string>, withWorkspace = true): SessionPlan {
  const models: CompareModel[] = Object.entries(answers).map(([id, text]) => ({
    spec: { id, label: id, provider: 'openai', model: id },
    provider: answering(text),
    request: { model: id, system: 's', messages: [{ role: 'user', content: 'fix' }] },
  }));
  return {
    meta: { runId: 'run-1', template: 'fix', title: 'Fix', createdAt: new Date().toISOString(), requestHash: 'h'.repeat(64), contextLabel: 'src/pagination.js:3' },
    template: 'fix',
    models,
    limits: { firstTokenMs: 5_000, idleMs: 5_000, totalMs: 10_000 },
    blind: false,
    assignments: assignColumns(models.map((m) => m.spec.id), false),
    prompt: { system: 's', user: 'fix', truncations: [] },
    context: { filePath: 'src/pagination.js', languageId: 'javascript' },
    originalText: SELECTION,
    ...(withWorkspace ? { patchSets: { reader: workspace(), context: { workspaceRoot: '/ws', compared: { relPath: 'src/pagination.js', selectionText: SELECTION } } } } : {}),
  };
}

async function settledSession(p: SessionPlan): Promise<{ session: RunSession; updates: ColumnUpdate[]; log: LogEntry[] }> {
  const log: LogEntry[] = [];
  const updates: ColumnUpdate[] = [];
  const recorder = new RunRecorder({ append: (e) => (log.push(e), Promise.resolve(true)) });
  const session = new RunSession(p, recorder, { updates: (_runId, u) => updates.push(...u), settled: () => undefined });
  await session.whenSettled();
  return { session, updates, log };
}

describe('run session: multi-file answers', () => {
  it('lists a two-file answer in its column and keeps the single-file answer on today\'s flow', async () => {
    const { session } = await settledSession(plan({ multi: TWO_FILES, single: SINGLE }));
    const multi = session.state.columnIdOf('multi') ?? '';
    const single = session.state.columnIdOf('single') ?? '';
    const edit = session.state.editOf(multi);
    assert.deepEqual(edit?.files, [
      { path: 'src/pagination.js', kind: 'modify', added: 1, removed: 1 },
      { path: 'test/end.test.js', kind: 'create', added: 1, removed: 0 },
    ]);
    assert.equal(edit?.applyBlocked, undefined);
    assert.equal(session.applyBlockOf(multi), undefined);
    assert.equal(session.proposedCode(multi), undefined, 'a patch set is not a selection replacement');
    assert.equal(session.patchSetOf(multi)?.files[0]?.proposed, PAGINATION.replace('pageSize - 1;', 'pageSize;'));
    assert.equal(session.patchSetOf(single), undefined);
    assert.equal(session.state.editOf(single)?.files, undefined);
    assert.equal(session.proposedCode(single), '  const end = start + pageSize;\n');
  });

  it('refuses ../outside.txt by name: the column says why and Apply is off', async () => {
    const { session } = await settledSession(plan({ escape: OUTSIDE }));
    const column = session.state.columnIdOf('escape') ?? '';
    const edit = session.state.editOf(column);
    assert.deepEqual(edit?.files, []);
    assert.equal(edit?.hasCode, false);
    assert.match(edit?.applyBlocked ?? '', /Refused "\.\.\/outside\.txt": it escapes the workspace/);
    assert.match(session.applyBlockOf(column) ?? '', /outside\.txt/);
  });

  it('without a workspace folder every answer is single-file', async () => {
    const { session } = await settledSession(plan({ multi: TWO_FILES }, false));
    assert.equal(session.patchSetOf(session.state.columnIdOf('multi') ?? ''), undefined);
  });

  it('records a multi-file Apply with its files, additively on the apply event, and the fold keeps them', async () => {
    const { session, log } = await settledSession(plan({ multi: TWO_FILES }));
    session.applied(session.state.columnIdOf('multi') ?? '', ['src/pagination.js', 'test/end.test.js']);
    session.applied(session.state.columnIdOf('multi') ?? '');
    const applies = log.filter((e) => e.type === 'apply');
    assert.deepEqual(applies.map((e) => ('files' in e ? e.files : undefined)), [['src/pagination.js', 'test/end.test.js'], undefined]);
    const dir = await mkdtemp(join(tmpdir(), 'parallax-patchset-log-'));
    try {
      const file = new PreferenceLog(join(dir, 'prefs.jsonl'));
      for (const entry of log) await file.append(entry);
      const { runs, problems } = await file.readAll();
      assert.deepEqual(problems, []);
      assert.deepEqual(runs[0]?.applied.map((a) => a.files), [['src/pagination.js', 'test/end.test.js'], undefined]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the column\'s words: "Review 2 files", one line per file', () => {
    assert.equal(reviewLabel(2), 'Review 2 files');
    assert.equal(reviewLabel(1), 'Review 1 file');
    assert.deepEqual(patchFileLine({ path: 'test/end.test.js', kind: 'create', added: 3, removed: 0 }), { kind: 'new', path: 'test/end.test.js', counts: '+3 −0' });
  });
});

/**
 * Repeat N and the record: a repeat-3 run of two models lands as three attempts per model (each naming its sample),
 * the panel steps through samples (the column shows exactly the sample's text), the vote names the shown sample's
 * attempt, and the fold of the log reads the same samples back.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompareModel } from '../../../src/core/compare/compareEngine';
import { ProviderLimiter } from '../../../src/core/compare/providerLimiter';
import { PreferenceLog } from '../../../src/core/prefs/preferenceLog';
import type { AttemptRecord } from '../../../src/core/prefs/preferenceRecord';
import type { ChatProvider, StreamEvent } from '../../../src/core/providers/provider';
import { RunRecorder } from '../../../src/host/prefs/runRecorder';
import { assignColumns } from '../../../src/host/results/blindColumns';
import { type KeyValueStore, RunCoordinator } from '../../../src/host/run/runCoordinator';
import type { SessionPlan } from '../../../src/host/run/runSession';
import { loggedSamples, shownLoggedAttempt } from '../../../src/host/run/loggedSamples';
import type { HostToResults } from '../../../src/shared/protocol';
import { ResultsModel } from '../../../src/webview/results/resultsModel';

const ORIGINAL = 'function add(a, b) {\n  return a - b;\n}\n';

/** Answers by call: the n-th request to this provider gets `bodies[n-1]`. */
function answersInTurn(bodies: string[]): ChatProvider {
  let call = 0;
  return {
    async *stream(): AsyncIterable<StreamEvent> {
      const body = bodies[call++ % bodies.length] ?? '';
      await new Promise((resolve) => setTimeout(resolve, 2));
      yield { type: 'text', text: `Fix:\n\n\`\`\`js\n${body}\n\`\`\`\n` };
      yield { type: 'done', finishReason: 'stop' };
    },
  };
}

class MemoryStore implements KeyValueStore {
  private readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
}

/** A coordinator whose panel is a ResultsModel (what the webview would show) and whose record is a real log file. */
function recordedCoordinator(logPath: string, reasonTags: string[]): { log: PreferenceLog; panel: ResultsModel; coordinator: RunCoordinator } {
  const log = new PreferenceLog(logPath);
  const panel = new ResultsModel();
  const coordinator = new RunCoordinator({
    panel: {
      post: (m: HostToResults) => {
        if (m.type === 'run') panel.setRun(m.run);
        else if (m.type === 'updates') panel.applyUpdates(m.runId, m.updates);
      },
      show: () => undefined,
      setTitle: () => undefined,
    },
    store: new MemoryStore(),
    recorder: new RunRecorder({ append: (e) => log.append(e).then(() => true) }),
    readLog: () => log.readAll(),
    reasonTags: () => reasonTags,
  });
  return { log, panel, coordinator };
}

describe('repeat: the record keeps every sample', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parallax-repeat-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('repeat 3: N samples land as N attempts, stepping shows each sample, the vote names the shown sample', async () => {
    const { log, panel, coordinator } = recordedCoordinator(join(dir, 'prefs.jsonl'), ['correct']);
    const same = 'function add(a, b) {\n  return a + b;\n}';
    const models: CompareModel[] = [
      { spec: { id: 'alpha', label: 'Alpha', provider: 'openai', model: 'a' }, provider: answersInTurn([same, same, 'function add(a, b) {\n  return b + a;\n}']), request: { model: 'a', messages: [] }, limitKey: 'http://127.0.0.1:1' },
      { spec: { id: 'beta', label: 'Beta', provider: 'openai', model: 'b' }, provider: answersInTurn([same]), request: { model: 'b', messages: [] }, limitKey: 'http://127.0.0.1:1' },
    ];
    const plan: SessionPlan = {
      meta: { runId: 'rep-1', template: 'fix', title: 'Fix', createdAt: new Date().toISOString(), requestHash: 'h'.repeat(64), contextLabel: 'add.js:1-3' },
      template: 'fix',
      models,
      limits: { firstTokenMs: 5_000, idleMs: 5_000, totalMs: 10_000 },
      blind: false,
      assignments: assignColumns(['alpha', 'beta'], false),
      prompt: { system: 's', user: 'fix', truncations: [] },
      context: { filePath: 'add.js', selection: { startLine: 0, startCharacter: 0, endLine: 2, endCharacter: 1 }, languageId: 'javascript' },
      originalText: ORIGINAL,
      repeat: 3,
      limiter: new ProviderLimiter(() => 1),
    };
    const session = coordinator.launch(plan);
    await coordinator.whenSettled();
    coordinator.postFullView();

    const alphaColumn = session.state.columnIdOf('alpha') ?? '';
    const samples = panel.stateOf(alphaColumn)?.samples;
    assert.ok(samples, 'the column shows its samples');
    assert.equal(samples.count, 3);
    assert.equal(samples.settled, 3);
    assert.equal(samples.distinct, 2, 'two of three samples are the same answer');
    assert.ok(samples.similarity !== undefined && samples.similarity < 1);
    assert.equal(panel.stateOf(session.state.columnIdOf('beta') ?? '')?.samples?.distinct, 1);

    // Step to sample 3: the column shows exactly that sample's answer, and Apply/Diff would take its code.
    assert.equal(coordinator.showSample(alphaColumn, 3), true);
    assert.match(panel.stateOf(alphaColumn)?.text ?? '', /return b \+ a/);
    assert.equal(panel.stateOf(alphaColumn)?.samples?.shown, 3);
    assert.match(session.proposedCode(alphaColumn) ?? '', /return b \+ a/);
    assert.match(session.sampleCode(alphaColumn, 1) ?? '', /return a \+ b/);
    assert.equal(session.showSample(alphaColumn, 4), false);

    const vote = await coordinator.vote({ kind: 'winner', winnerColumnId: alphaColumn, tags: [] });
    const shownAttempt = session.shownAttempt('alpha');
    assert.equal(vote?.attempts?.['alpha'], shownAttempt);
    await coordinator.dispose();
    await log.flush();

    const { runs, problems } = await log.readAll();
    assert.deepEqual(problems, []);
    const run = runs.find((r) => r.id === 'rep-1');
    assert.ok(run);
    assert.equal(run.repeat, 3);
    for (const id of ['alpha', 'beta']) {
      const attempts: AttemptRecord[] = run.attempts.filter((a) => a.modelId === id);
      assert.equal(attempts.length, 3, `${id}: three samples, three attempts`);
      assert.deepEqual(attempts.map((a) => a.sample).sort(), [1, 2, 3]);
      assert.deepEqual(attempts.map((a) => a.attempt).sort(), [1, 2, 3]);
    }
    const voted = run.attempts.find((a) => a.modelId === 'alpha' && a.attempt === run.vote?.attempts?.['alpha']);
    assert.equal(voted?.sample, 3, 'the vote names the attempt of the sample on screen');
    assert.match(voted?.text ?? '', /return b \+ a/);

    // Reopened from the log (history): the stepper is back and each sample shows its logged text.
    const reopenedPanel = new ResultsModel();
    const reopened = new RunCoordinator({
      panel: {
        post: (m: HostToResults) => {
          if (m.type === 'run') reopenedPanel.setRun(m.run);
        },
        show: () => undefined,
        setTitle: () => undefined,
      },
      store: new MemoryStore(),
      recorder: new RunRecorder({ append: (e) => log.append(e).then(() => true) }),
      readLog: () => log.readAll(),
      reasonTags: () => [],
    });
    assert.equal(await reopened.openRun('rep-1'), true);
    const logged = reopenedPanel.stateOf(alphaColumn);
    assert.equal(logged?.samples?.count, 3, 'the logged run shows its samples');
    assert.equal(logged?.samples?.shown, 1);
    assert.equal(logged?.samples?.distinct, 2, 'the distribution is read back from the logged attempts');
    assert.match(logged?.text ?? '', /return a \+ b/);
    assert.equal(reopened.showSample(alphaColumn, 3), true);
    assert.match(reopenedPanel.stateOf(alphaColumn)?.text ?? '', /return b \+ a/, 'sample 3 shows its logged answer');
    assert.equal(reopenedPanel.stateOf(alphaColumn)?.samples?.shown, 3);
    assert.match(loggedSamples(run, 'alpha').get(3)?.extractedCode ?? '', /return b \+ a/, 'Diff and Apply take that sample’s logged code');
    assert.equal(shownLoggedAttempt(run, alphaColumn, new Map([[alphaColumn, 3]]))?.attempt, voted?.attempt);
    assert.equal(reopened.showSample(alphaColumn, 4), false);
    assert.equal(reopenedPanel.stateOf(session.state.columnIdOf('beta') ?? '')?.samples?.distinct, 1);
  });

  it('repeat 3 with verification: each sample’s check counts once in the pass rate, by the attempt it was shown under', async () => {
    const { log, panel, coordinator } = recordedCoordinator(join(dir, 'prefs.jsonl'), []);
    const body = 'function add(a, b) {\n  return a + b;\n}';
    const plan: SessionPlan = {
      meta: { runId: 'rep-v', template: 'fix', title: 'Fix', createdAt: new Date().toISOString(), requestHash: 'v'.repeat(64), contextLabel: 'add.js:1-3' },
      template: 'fix',
      models: [{ spec: { id: 'alpha', label: 'Alpha', provider: 'openai', model: 'a' }, provider: answersInTurn([body]), request: { model: 'a', messages: [] }, limitKey: 'http://127.0.0.1:1' }],
      limits: { firstTokenMs: 5_000, idleMs: 5_000, totalMs: 10_000 },
      blind: false,
      assignments: assignColumns(['alpha'], false),
      prompt: { system: 's', user: 'fix', truncations: [] },
      context: { filePath: 'add.js', selection: { startLine: 0, startCharacter: 0, endLine: 2, endCharacter: 1 }, languageId: 'javascript' },
      originalText: ORIGINAL,
      repeat: 3,
      limiter: new ProviderLimiter(() => 1),
    };
    const session = coordinator.launch(plan);
    await coordinator.whenSettled();
    const column = session.state.columnIdOf('alpha') ?? '';
    const pass = () => panel.stateOf(column)?.samples?.pass;
    // The full view, at once (column updates are batched on a timer).
    const flushed = () => coordinator.postFullView();
    flushed();
    assert.equal(pass(), undefined, 'no pass rate before a check');

    const first = session.shownAttempt('alpha');
    session.sampleVerified('alpha', first, true);
    flushed();
    assert.deepEqual(pass(), { passed: 1, verified: 1 });

    assert.equal(coordinator.showSample(column, 2), true);
    const second = session.shownAttempt('alpha');
    assert.notEqual(second, first, 'sample 2 has its own attempt');
    session.sampleVerified('alpha', second, false);
    flushed();
    assert.deepEqual(pass(), { passed: 1, verified: 2 }, 'sample 2 failed its check');

    // Checking sample 1 again replaces its result (one sample counts once).
    session.sampleVerified('alpha', first, false);
    flushed();
    assert.deepEqual(pass(), { passed: 0, verified: 2 });
    // An attempt no sample has (e.g. replaced by a retry) changes nothing.
    session.sampleVerified('alpha', 99, true);
    flushed();
    assert.deepEqual(pass(), { passed: 0, verified: 2 });
    await coordinator.dispose();
    await log.flush();
  });
});

/**
 * The record invariant: after any sequence of user actions, the folded preference log equals what the results panel
 * showed. Seeded random sequences of run, retry, cancel one or all, vote (winner, tie, all bad), note, toggle blind,
 * a new run mid-stream, hide, show and reload are applied to the host's RunCoordinator with in-process fake
 * providers, a real PreferenceLog on disk, and the webview's own ResultsModel standing in for the panel. A failure
 * prints the seed and the whole sequence.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompareModel } from '../../../src/core/compare/compareEngine';
import { PreferenceLog } from '../../../src/core/prefs/preferenceLog';
import type { ChatProvider, StreamEvent } from '../../../src/core/providers/provider';
import { mulberry32 } from '../../../src/core/prefs/seededRandom';
import { RunRecorder } from '../../../src/host/prefs/runRecorder';
import { assignColumns } from '../../../src/host/results/blindColumns';
import { type KeyValueStore, RunCoordinator } from '../../../src/host/run/runCoordinator';
import type { SessionPlan } from '../../../src/host/run/runSession';
import type { HostToResults, RunView, VoteDraftView, VoteView } from '../../../src/shared/protocol';
import { ResultsModel } from '../../../src/webview/results/resultsModel';

const ORIGINAL = 'function add(a, b) {\n  return a - b;\n}\n';
const LIMITS = { firstTokenMs: 5_000, idleMs: 5_000, totalMs: 10_000 };

/** A provider that streams a fixed answer in chunks with small delays, or fails, or is cut off, per its kind. */
function scriptedProvider(kind: 'fix' | 'error' | 'slow' | 'cut', tag: string): ChatProvider {
  return {
    async *stream(_request, signal): AsyncIterable<StreamEvent> {
      const answer = `Here is ${tag}.\n\n\`\`\`js\nfunction add(a, b) {\n  return a + b; // ${tag}\n}\n\`\`\`\n`;
      const chunks = answer.match(/[\s\S]{1,12}/g) ?? [];
      const pause = kind === 'slow' ? 25 : 2;
      for (const [i, chunk] of chunks.entries()) {
        if (signal.aborted) return;
        await new Promise((resolve) => setTimeout(resolve, pause));
        if (kind === 'error' && i === 3) {
          yield { type: 'error', kind: 'server', message: `${tag} failed` };
          return;
        }
        yield { type: 'text', text: chunk };
      }
      yield { type: 'done', finishReason: kind === 'cut' ? 'length' : 'stop' };
    },
  };
}

class MemoryStore implements KeyValueStore {
  private readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Promise<void> {
    this.values.set(key, structuredClone(value));
    return Promise.resolve();
  }
}

/** The results panel as the user sees it: the webview's model, fed only while the panel is visible. */
class PanelSim {
  model = new ResultsModel();
  visible = true;
  /** Per run: the last column states the panel showed, and whether its columns were masked. */
  readonly lastSeen = new Map<string, RunView>();

  receive(message: HostToResults): void {
    if (!this.visible) return;
    if (message.type === 'run') this.model.setRun(message.run);
    else if (message.type === 'updates') this.model.applyUpdates(message.runId, message.updates);
    const snapshot = this.model.snapshot();
    if (snapshot) this.lastSeen.set(snapshot.runId, structuredClone(snapshot));
  }

  reset(): void {
    this.model = new ResultsModel();
  }
}

function masked(view: RunView): boolean {
  return view.columns.every((c) => c.provider === undefined);
}

type Action =
  | { kind: 'run'; blind: boolean; models: number }
  | { kind: 'retry'; column: number }
  | { kind: 'cancel'; column?: number }
  | { kind: 'vote'; choice: number; note?: string }
  | { kind: 'note'; text: string }
  | { kind: 'blind'; on: boolean }
  | { kind: 'draft'; note: string }
  | { kind: 'hide' }
  | { kind: 'show' }
  | { kind: 'reload' }
  | { kind: 'wait'; ms: number };

function randomAction(random: () => number, step: number): Action {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  if (step === 0) return { kind: 'run', blind: random() < 0.5, models: 2 + Math.floor(random() * 3) };
  return pick<Action>([
    { kind: 'run', blind: random() < 0.5, models: 2 + Math.floor(random() * 3) },
    { kind: 'retry', column: Math.floor(random() * 4) },
    { kind: 'cancel', ...(random() < 0.5 ? { column: Math.floor(random() * 4) } : {}) },
    { kind: 'vote', choice: Math.floor(random() * 6), ...(random() < 0.5 ? { note: `why ${step}` } : {}) },
    { kind: 'note', text: `note ${step}` },
    { kind: 'blind', on: random() < 0.5 },
    { kind: 'draft', note: `draft ${step}` },
    { kind: 'hide' },
    { kind: 'show' },
    { kind: 'reload' },
    { kind: 'wait', ms: Math.floor(random() * 120) },
    { kind: 'wait', ms: 400 },
  ]);
}

/** Facts the user produced, per run, to compare with the fold. */
interface Expected {
  votes: Array<{ kind: VoteView['kind']; winnerLabel?: string; maskedAtVote: boolean; shownTexts: Map<string, string> }>;
  notes: string[];
  blindAtStart?: boolean;
  replaced: boolean;
}

class World {
  readonly store = new MemoryStore();
  readonly panel = new PanelSim();
  coordinator!: RunCoordinator;
  readonly expected = new Map<string, Expected>();
  private runCount = 0;
  blindSetting = false;
  readonly log: PreferenceLog;

  constructor(
    dir: string,
    private readonly random: () => number,
  ) {
    this.log = new PreferenceLog(join(dir, 'prefs.jsonl'));
    this.boot();
  }

  boot(): void {
    this.panel.visible = true;
    this.coordinator = new RunCoordinator({
      panel: { post: (m) => this.panel.receive(m), show: () => undefined, setTitle: () => undefined },
      store: this.store,
      recorder: new RunRecorder({ append: (e) => this.log.append(e).then(() => true) }),
      readLog: () => this.log.readAll(),
      reasonTags: () => ['correct'],
    });
  }

  expectedOf(runId: string): Expected {
    let e = this.expected.get(runId);
    if (!e) {
      e = { votes: [], notes: [], replaced: false };
      this.expected.set(runId, e);
    }
    return e;
  }

  async apply(action: Action): Promise<void> {
    const c = this.coordinator;
    const shown = this.panel.model.run;
    const columnId = (i: number): string | undefined => shown?.columns[i % Math.max(1, shown.columns.length)]?.columnId;
    switch (action.kind) {
      case 'run': {
        const previous = c.session;
        if (previous?.running) this.expectedOf(previous.runId).replaced = true;
        this.blindSetting = action.blind;
        const session = c.launch(this.plan(action.models, action.blind));
        this.expectedOf(session.runId).blindAtStart = action.blind;
        return;
      }
      case 'retry': {
        const id = columnId(action.column);
        if (id && shown && !shown.readOnly) c.retry(id);
        return;
      }
      case 'cancel':
        c.cancel(action.column === undefined ? undefined : columnId(action.column));
        return;
      case 'vote': {
        if (!shown || shown.vote || !this.panel.visible) return;
        if (shown.states.some((s) => s.state === 'queued' || s.state === 'streaming')) return; // the vote bar waits
        const view = this.panel.model.snapshot() as RunView;
        const winnerIndex = action.choice < view.columns.length ? action.choice : undefined;
        const vote: VoteView = winnerIndex === undefined
          ? { kind: action.choice % 2 === 0 ? 'tie' : 'all-bad', tags: [], ...(action.note ? { note: action.note } : {}) }
          : { kind: 'winner', winnerColumnId: view.columns[winnerIndex]?.columnId, tags: ['correct'], ...(action.note ? { note: action.note } : {}) };
        const wasMasked = masked(view);
        await c.vote(vote);
        // After the vote the names are shown: that is how the user learns which model they picked.
        const after = this.panel.model.snapshot() as RunView;
        const label = winnerIndex === undefined ? undefined : after.columns[winnerIndex]?.displayLabel;
        const shownTexts = new Map(after.columns.map((col, i) => [col.displayLabel, view.states[i]?.text ?? '']));
        this.expectedOf(view.runId).votes.push({ kind: vote.kind, ...(label ? { winnerLabel: label } : {}), maskedAtVote: wasMasked, shownTexts });
        return;
      }
      case 'note': {
        const runId = c.shownRunId;
        if (runId && c.note(action.text, runId)) this.expectedOf(runId).notes.push(action.text);
        return;
      }
      case 'blind':
        this.blindSetting = action.on;
        c.setBlind(action.on);
        return;
      case 'draft': {
        const view = this.panel.model.run;
        if (!view || view.vote || !this.panel.visible) return;
        const draft: VoteDraftView = { kind: 'tie', ranks: {}, tags: [], note: action.note };
        await c.saveDraft(view.runId, draft);
        return;
      }
      case 'hide':
        this.panel.visible = false;
        return;
      case 'show':
        if (this.panel.visible) return;
        this.panel.visible = true;
        await c.onPanelReady();
        return;
      case 'reload': {
        const draftsBefore = this.store.get<Record<string, VoteDraftView>>('parallax.voteDrafts') ?? {};
        await c.dispose();
        await this.log.flush();
        this.panel.reset();
        this.boot();
        await this.coordinator.onPanelReady();
        const view = this.panel.model.run;
        if (view && !view.vote && draftsBefore[view.runId]) {
          assert.deepEqual(view.draft, draftsBefore[view.runId], 'the vote draft survives a reload');
        }
        return;
      }
      case 'wait':
        await new Promise((resolve) => setTimeout(resolve, action.ms));
        return;
    }
  }

  plan(count: number, blind: boolean): SessionPlan {
    this.runCount += 1;
    const kinds = ['fix', 'slow', 'error', 'cut', 'fix'] as const;
    const models: CompareModel[] = Array.from({ length: count }, (_, i) => {
      const id = `m${i}`;
      const kind = kinds[Math.floor(this.random() * kinds.length)] ?? 'fix';
      return {
        spec: { id, label: id.toUpperCase(), provider: 'openai', model: `model-${id}` },
        provider: scriptedProvider(kind, `${id}-${kind}`),
        request: { model: id, system: 's', messages: [{ role: 'user', content: 'fix' }] },
      };
    });
    const runId = `run-${this.runCount}`;
    return {
      meta: { runId, template: 'fix', title: `Fix ${runId}`, createdAt: new Date().toISOString(), requestHash: 'h'.repeat(64), contextLabel: 'add.js:1-3' },
      template: 'fix',
      models,
      limits: LIMITS,
      blind,
      assignments: assignColumns(models.map((m) => m.spec.id), blind, this.random),
      prompt: { system: 's', user: 'fix', truncations: [] },
      context: { filePath: 'add.js', selection: { startLine: 0, startCharacter: 0, endLine: 2, endCharacter: 1 }, languageId: 'javascript' },
      originalText: ORIGINAL,
    };
  }

  /** Lets everything settle: shows the panel, waits for every run to end, flushes the log. */
  async settle(): Promise<void> {
    await this.apply({ kind: 'show' });
    await this.coordinator.whenSettled();
    await this.coordinator.dispose();
    await this.log.flush();
    await this.coordinator.onPanelReady();
  }
}

async function checkInvariant(world: World): Promise<void> {
  const { runs, problems } = await world.log.readAll();
  assert.deepEqual(problems, [], 'every line of the log is valid');
  const byId = new Map(runs.map((r) => [r.id, r]));
  for (const [runId, expected] of world.expected) {
    const run = byId.get(runId);
    assert.ok(run, `${runId} is in the log`);
    if (expected.blindAtStart !== undefined) assert.equal(run.blind, expected.blindAtStart, `${runId}: blind as the run started`);
    assert.deepEqual(run.notes, expected.notes, `${runId}: every standalone note is kept, in order`);
    if (expected.replaced) assert.ok(run.cancelled === 'replaced' || run.outputs.every((o) => o.state !== 'cancelled'), `${runId}: a run replaced mid-stream is logged as cancelled`);
    const lastVote = expected.votes.at(-1);
    if (!lastVote) {
      assert.equal(run.vote, undefined, `${runId}: no vote was cast`);
    } else {
      assert.ok(run.vote, `${runId}: the vote is logged`);
      assert.equal(run.vote.kind, lastVote.kind);
      assert.equal(run.vote.blind, lastVote.maskedAtVote, `${runId}: the vote says whether the names were hidden while voting`);
      const labelOf = new Map(run.models.map((m) => [m.id, m.label]));
      if (lastVote.winnerLabel) assert.equal(labelOf.get(run.vote.winner ?? ''), lastVote.winnerLabel, `${runId}: the winner is the column the user picked`);
      for (const model of run.models) {
        const attempt: number | undefined = run.vote.attempts?.[model.id];
        const shownText: string | undefined = lastVote.shownTexts.get(model.label);
        if (attempt === undefined || shownText === undefined) continue;
        const voted: { text: string } | undefined = run.attempts.find((a) => a.modelId === model.id && a.attempt === attempt);
        assert.equal(voted?.text, shownText, `${runId}: the vote points at the attempt of ${model.id} that was on screen`);
      }
    }
    // Each model's latest answer in the log is what its column last showed (a column cut short by a replacement or
    // a reload shows a prefix of what was recorded as cancelled).
    const seen = world.panel.lastSeen.get(runId);
    if (!seen || masked(seen)) continue;
    seen.columns.forEach((column, i) => {
      const state = seen.states[i];
      const model = run.models.find((m) => m.label === column.displayLabel.replace(/ \(demo\)$/, ''));
      const output = model && run.outputs.find((o) => o.modelId === model.id);
      if (!state || !model) return;
      if (state.state === 'queued' || state.state === 'streaming') {
        if (output) assert.ok(output.text.startsWith(state.text), `${runId}/${model.id}: the recorded answer continues what was shown`);
        return;
      }
      assert.ok(output, `${runId}/${model.id}: an answer that ended on screen is in the log`);
      assert.equal(output.state, state.state, `${runId}/${model.id}: state as shown`);
      assert.equal(output.text, state.text, `${runId}/${model.id}: text as shown`);
    });
  }
}

describe('record invariant: the folded log equals what the panel showed', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parallax-invariant-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const SEQUENCES = 24;
  const STEPS = 10;
  it(`holds for ${SEQUENCES} seeded random sequences of ${STEPS} user actions`, async () => {
    for (let seed = 1; seed <= SEQUENCES; seed++) {
      const random = mulberry32(seed);
      const world = new World(join(dir), random);
      const actions: Action[] = [];
      try {
        for (let step = 0; step < STEPS; step++) {
          const action = randomAction(random, step);
          actions.push(action);
          await world.apply(action);
        }
        await world.settle();
        await checkInvariant(world);
      } catch (err) {
        const sequence = actions.map((a, i) => `  ${i + 1}. ${JSON.stringify(a)}`).join('\n');
        if (process.env.DUMP_LOG) console.log(await import('node:fs').then((fs) => fs.readFileSync(join(dir, 'prefs.jsonl'), 'utf8').split('\n').map((l) => l.slice(0, 300)).join('\n')));
        throw new Error(`seed ${seed} failed after:\n${sequence}\n${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      await rm(join(dir, 'prefs.jsonl'), { force: true });
    }
  });
});

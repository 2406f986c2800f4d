/**
 * Fans one prompt out to several models at once and reports everything as `RunEvent`s.
 *
 * Usage:
 *   const run = startComparison({ models, limits, requestHash });
 *   const unsubscribe = run.onEvent((event) => post(event));   // subscribe in the same tick: no event is missed
 *   const outcomes = await run.done;                            // one outcome per model, in `models` order
 *   run.cancel('gpt');  run.cancel();  await run.retry('gpt');
 *
 * Events, in order: run-start; model-start for every model; then per model any number of delta and metrics
 * events, a final metrics event and model-end; run-end once every model has settled. A retry emits the same
 * model-start … model-end sequence again for that model (the UI resets the column on model-start) and, once
 * nothing is in flight any more, a fresh run-end with the updated outcomes.
 */
import { randomUUID } from 'node:crypto';
import type { ModelOutcome, RunEvent, RunLimits } from './runTypes';
import { MAX_ANSWER_CHARS, ModelAttempt, type AttemptSettings, type CompareModel } from './modelAttempt';
import { estimateTokens } from './tokenEstimate';

export type { CompareModel } from './modelAttempt';
export { MAX_ANSWER_CHARS } from './modelAttempt';

export interface CompareOptions {
  models: CompareModel[];
  limits: RunLimits;
  /** Hash of exactly what every model receives (see prompts/requestHash). */
  requestHash: string;
  runId?: string;
  /** Clock for metrics (epoch ms). Watchdogs always use real timers. */
  now?: () => number;
  /** Token estimator used when a provider reports no usage. */
  estimateTokens?: (text: string) => number;
  /** Minimum ms between two streaming `metrics` events of one model. Default 100. */
  metricsIntervalMs?: number;
  /** Most characters of text plus reasoning per answer (default {@link MAX_ANSWER_CHARS}); longer ones end `incomplete`. */
  maxAnswerChars?: number;
  /** A first listener, attached before anything is emitted. */
  onEvent?: RunEventListener;
}

export type RunEventListener = (event: RunEvent) => void;

export interface RunHandle {
  readonly runId: string;
  /**
   * Subscribes to events; returns the unsubscribe function. Listeners added in the same tick as
   * `startComparison` receive every event, from run-start. A listener that throws does not affect the run.
   */
  onEvent(listener: RunEventListener): () => void;
  /** Resolves once every model has settled for the first time. Never rejects. */
  readonly done: Promise<ModelOutcome[]>;
  /** Cancels one model, or every model still in flight. Settled models are left alone. */
  cancel(modelId?: string): void;
  /**
   * Runs one model again within this run (a per-column "retry"). An attempt still in flight is aborted
   * silently and replaced. Resolves with the new outcome; rejects for an unknown model id.
   */
  retry(modelId: string): Promise<ModelOutcome>;
  /** Every model's outcome so far (in-flight models as `streaming`/`queued` with partial text), in order. */
  snapshot(): ModelOutcome[];
}

const DEFAULT_METRICS_INTERVAL_MS = 100;

export function startComparison(opts: CompareOptions): RunHandle {
  return new ComparisonRun(opts);
}

class ComparisonRun implements RunHandle {
  readonly runId: string;
  readonly done: Promise<ModelOutcome[]>;
  private resolveDone!: (outcomes: ModelOutcome[]) => void;
  private readonly listeners = new Set<RunEventListener>();
  private readonly attempts = new Map<string, ModelAttempt>();
  private readonly settings: AttemptSettings;
  private started = false;
  private inFlight = 0;

  constructor(private readonly opts: CompareOptions) {
    const ids = opts.models.map((m) => m.spec.id);
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate !== undefined) throw new Error(`Model id "${duplicate}" appears twice in one comparison.`);
    this.runId = opts.runId ?? randomUUID();
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
    if (opts.onEvent) this.listeners.add(opts.onEvent);
    this.settings = {
      runId: this.runId,
      limits: opts.limits,
      now: opts.now ?? Date.now,
      estimateTokens: opts.estimateTokens ?? estimateTokens,
      metricsIntervalMs: opts.metricsIntervalMs ?? DEFAULT_METRICS_INTERVAL_MS,
      emit: (event) => this.emit(event),
      maxAnswerChars: opts.maxAnswerChars ?? MAX_ANSWER_CHARS,
    };
    // Starting on the next microtask lets the caller subscribe first.
    queueMicrotask(() => this.ensureStarted());
  }

  onEvent(listener: RunEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  cancel(modelId?: string): void {
    this.ensureStarted();
    for (const attempt of this.attempts.values()) {
      if (modelId === undefined || attempt.modelId === modelId) attempt.cancel();
    }
  }

  retry(modelId: string): Promise<ModelOutcome> {
    const model = this.opts.models.find((m) => m.spec.id === modelId);
    if (!model) return Promise.reject(new Error(`No model "${modelId}" in this comparison.`));
    this.ensureStarted();
    const previous = this.attempts.get(modelId);
    if (previous && !previous.isSettled) previous.supersede();
    else this.inFlight += 1;
    return this.launch(model);
  }

  snapshot(): ModelOutcome[] {
    return this.opts.models.map((m) => {
      const attempt = this.attempts.get(m.spec.id);
      if (attempt) return attempt.peek();
      return { modelId: m.spec.id, state: 'queued', text: '', reasoning: '', metrics: { startedAt: this.settings.now(), tokensEstimated: false } };
    });
  }

  private ensureStarted(): void {
    if (this.started) return;
    this.started = true;
    const { models } = this.opts;
    this.emit({ type: 'run-start', runId: this.runId, requestHash: this.opts.requestHash, models: models.map((m) => m.spec), startedAt: this.settings.now() });
    this.inFlight = models.length;
    if (models.length === 0) this.finishIfIdle();
    for (const model of models) void this.launch(model);
  }

  private launch(model: CompareModel): Promise<ModelOutcome> {
    const attempt = new ModelAttempt(model, this.settings);
    this.attempts.set(model.spec.id, attempt);
    return attempt.outcome.then((outcome) => {
      // A superseded attempt handed its place in `inFlight` to its replacement. Any other attempt counts itself
      // out, even when a retry replaced it between settling and this callback (then the retry counted itself in).
      if (!attempt.isSuperseded) {
        this.inFlight -= 1;
        this.finishIfIdle();
      }
      return outcome;
    });
  }

  private finishIfIdle(): void {
    if (this.inFlight > 0) return;
    const outcomes = this.snapshot();
    this.emit({ type: 'run-end', runId: this.runId, outcomes, endedAt: this.settings.now() });
    this.resolveDone(outcomes);
  }

  private emit(event: RunEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A broken listener (e.g. a disposed webview) must not stop the run or the other listeners.
      }
    }
  }
}

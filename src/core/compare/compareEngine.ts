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
import { preciseNow } from './preciseClock';
import { estimateTokens } from './tokenEstimate';
import { type ProviderLimiter, type ReleaseSlot, SlotAbortedError } from './providerLimiter';

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
  /** Samples per model (Repeat N, 1–10). Default 1; above 1 every event and outcome names its `sample`. */
  repeat?: number;
  /**
   * Per-endpoint concurrency: each attempt waits (as `queued`, no watchdog running) for a slot on its model's
   * `limitKey` before it starts, and a rate-limit error with Retry-After pauses that endpoint's queue.
   */
  limiter?: ProviderLimiter;
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
  /** Cancels one model (all its samples), or every model still in flight. Settled models are left alone. */
  cancel(modelId?: string): void;
  /**
   * Runs one model (one sample of it) again within this run (a per-column "retry"). An attempt still in flight is
   * aborted silently and replaced. Resolves with the new outcome; rejects for an unknown model id or sample.
   */
  retry(modelId: string, sample?: number): Promise<ModelOutcome>;
  /**
   * Every model's outcome so far (in-flight models as `streaming`/`queued` with partial text), in order; with
   * repeat N, each model's N samples in sample order.
   */
  snapshot(): ModelOutcome[];
  /** Samples per model. */
  readonly repeat: number;
}

const DEFAULT_METRICS_INTERVAL_MS = 100;
export const MAX_REPEAT = 10;
/** A rate-limit error without Retry-After still pauses its endpoint this long (doubled for each re-queue). */
const RATE_LIMIT_PAUSE_MS = 2_000;
/** The longest pause a rate-limit error without Retry-After backs off to. */
const RATE_LIMIT_PAUSE_CAP_MS = 16_000;
/**
 * Repeat N: a sample that ends in a rate-limit error is queued again behind its endpoint's pause, this many times at
 * most. Each attempt is a model-start … model-end of its own, so the record keeps every one.
 */
export const RATE_LIMIT_REQUEUES = 3;

export function startComparison(opts: CompareOptions): RunHandle {
  return new ComparisonRun(opts);
}

function sampleKey(modelId: string, sample: number): string {
  return `${sample}\u0000${modelId}`;
}

class ComparisonRun implements RunHandle {
  readonly runId: string;
  readonly done: Promise<ModelOutcome[]>;
  readonly repeat: number;
  private resolveDone!: (outcomes: ModelOutcome[]) => void;
  private readonly listeners = new Set<RunEventListener>();
  private readonly attempts = new Map<string, ModelAttempt>();
  /** Samples waiting for a slot on their endpoint, by sample key. */
  private readonly waiting = new Map<string, { controller: AbortController; pending: Promise<ModelOutcome> }>();
  private readonly settings: AttemptSettings;
  private started = false;
  private inFlight = 0;
  /** How often each sample was re-queued after a rate-limit error, by sample key. */
  private readonly requeued = new Map<string, number>();

  constructor(private readonly opts: CompareOptions) {
    const ids = opts.models.map((m) => m.spec.id);
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate !== undefined) throw new Error(`Model id "${duplicate}" appears twice in one comparison.`);
    this.repeat = Math.max(1, Math.min(MAX_REPEAT, Math.floor(opts.repeat ?? 1)));
    this.runId = opts.runId ?? randomUUID();
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
    if (opts.onEvent) this.listeners.add(opts.onEvent);
    this.settings = {
      runId: this.runId,
      limits: opts.limits,
      now: opts.now ?? preciseNow,
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
    const matches = (key: string, id: string) => modelId === undefined || id === modelId || key.endsWith(`\u0000${modelId}`);
    for (const [key, entry] of [...this.waiting]) if (matches(key, '')) entry.controller.abort();
    for (const [key, attempt] of this.attempts) if (matches(key, attempt.modelId)) attempt.cancel();
  }

  retry(modelId: string, sample = 1): Promise<ModelOutcome> {
    const model = this.opts.models.find((m) => m.spec.id === modelId);
    if (!model) return Promise.reject(new Error(`No model "${modelId}" in this comparison.`));
    if (!Number.isInteger(sample) || sample < 1 || sample > this.repeat) return Promise.reject(new Error(`No sample ${sample} of "${modelId}".`));
    this.ensureStarted();
    const key = sampleKey(modelId, sample);
    this.requeued.delete(key);
    const queued = this.waiting.get(key);
    if (queued) return queued.pending;
    const previous = this.attempts.get(key);
    if (previous && !previous.isSettled) previous.supersede();
    else this.inFlight += 1;
    return this.launch(model, sample);
  }

  snapshot(): ModelOutcome[] {
    return this.opts.models.flatMap((m) =>
      this.sampleNumbers().map((sample) => {
        const attempt = this.attempts.get(sampleKey(m.spec.id, sample));
        const outcome: ModelOutcome = attempt
          ? attempt.peek()
          : { modelId: m.spec.id, state: 'queued', text: '', reasoning: '', metrics: { startedAt: this.settings.now(), tokensEstimated: false } };
        return this.repeat > 1 ? { ...outcome, sample } : outcome;
      }),
    );
  }

  private sampleNumbers(): number[] {
    return Array.from({ length: this.repeat }, (_, i) => i + 1);
  }

  private ensureStarted(): void {
    if (this.started) return;
    this.started = true;
    const { models } = this.opts;
    this.emit({ type: 'run-start', runId: this.runId, requestHash: this.opts.requestHash, models: models.map((m) => m.spec), startedAt: this.settings.now() });
    this.inFlight = models.length * this.repeat;
    if (models.length === 0) this.finishIfIdle();
    // Sample 1 of every model first, then sample 2…, so a shared queue serves the models fairly.
    for (const sample of this.sampleNumbers()) for (const model of models) void this.launch(model, sample);
  }

  private launch(model: CompareModel, sample: number): Promise<ModelOutcome> {
    const key = sampleKey(model.spec.id, sample);
    const limiter = this.opts.limiter;
    if (!limiter) return this.begin(model, sample, () => undefined, false);
    const controller = new AbortController();
    const pending = limiter.acquire(model.limitKey ?? model.spec.provider, controller.signal).then(
      (release) => {
        this.waiting.delete(key);
        return this.begin(model, sample, release, false);
      },
      (error: unknown) => {
        this.waiting.delete(key);
        if (!(error instanceof SlotAbortedError)) throw error;
        // Cancelled while queued: the attempt still starts and ends, so the column and the record say so.
        return this.begin(model, sample, () => undefined, true);
      },
    );
    this.waiting.set(key, { controller, pending });
    return pending;
  }

  private begin(model: CompareModel, sample: number, release: ReleaseSlot, cancelled: boolean): Promise<ModelOutcome> {
    const attempt = new ModelAttempt(model, this.repeat > 1 ? this.sampleSettings(sample) : this.settings);
    this.attempts.set(sampleKey(model.spec.id, sample), attempt);
    if (cancelled) attempt.cancel();
    const key = sampleKey(model.spec.id, sample);
    return attempt.outcome.then((settled) => {
      const outcome = this.repeat > 1 ? { ...settled, sample } : settled;
      const rateLimited = outcome.error?.kind === 'rate-limit';
      const requeues = this.requeued.get(key) ?? 0;
      // Pause before letting go of the slot, so the next waiter is held by the pause rather than sent at once.
      if (rateLimited) this.opts.limiter?.pause(model.limitKey ?? model.spec.provider, outcome.error?.retryAfterMs ?? Math.min(RATE_LIMIT_PAUSE_CAP_MS, RATE_LIMIT_PAUSE_MS * 2 ** requeues));
      release();
      // Repeat N: a rate-limited sample (not replaced by a retry meanwhile) queues again behind the pause; it stays
      // in flight.
      if (rateLimited && this.repeat > 1 && this.opts.limiter && requeues < RATE_LIMIT_REQUEUES && this.attempts.get(key) === attempt && !attempt.isSuperseded) {
        this.requeued.set(key, requeues + 1);
        return this.launch(model, sample);
      }
      // A superseded attempt handed its place in `inFlight` to its replacement. Any other attempt counts itself
      // out, even when a retry replaced it between settling and this callback (then the retry counted itself in).
      if (!attempt.isSuperseded) {
        this.inFlight -= 1;
        this.finishIfIdle();
      }
      return outcome;
    });
  }

  /** The run's settings with every event of this attempt naming its sample. */
  private sampleSettings(sample: number): AttemptSettings {
    return {
      ...this.settings,
      emit: (event) => {
        if (event.type === 'model-end') this.emit({ ...event, outcome: { ...event.outcome, sample } });
        else if (event.type === 'run-start' || event.type === 'run-end') this.emit(event);
        else this.emit({ ...event, sample });
      },
    };
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

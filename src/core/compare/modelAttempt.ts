/**
 * One attempt at one model: prepare the provider (e.g. load its SDK), then consume its stream under its own
 * AbortController and watchdogs, emit deltas and throttled metrics, and settle on exactly one end state. Nothing
 * here can block or fail another model: a provider that hangs, ignores its abort signal or throws is cut loose
 * and settled on its own.
 *
 * Timing: `model-start` carries the attempt's start; the metrics (`startedAt`, TTFT, total) and the first-token
 * watchdog start once the provider is prepared and the request is sent, so a slow first SDK import is neither
 * counted against the model nor able to time it out. The total watchdog covers the whole attempt.
 */
import type { ChatProvider, ProviderRequest, StreamEvent } from '../providers/provider';
import type { ModelPrice } from './pricing';
import type { ModelOutcome, ModelSpec, RunEvent, RunLimits, TimeoutKind } from './runTypes';
import { ModelMetricsTracker } from './modelMetricsTracker';
import { redactSecrets } from '../prefs/secretScrubber';
import { preciseNow } from './preciseClock';
import { StreamWatchdogs } from './streamWatchdogs';

/** The longest stretch of stream events handled without yielding to the event loop. */
const STREAM_SLICE_MS = 8;

export interface CompareModel {
  spec: ModelSpec;
  provider: ChatProvider;
  request: ProviderRequest;
  /** Undefined: cost is reported as unknown. */
  price?: ModelPrice;
  /** The queue its requests wait in (an endpoint origin, see providerLimits.ts); default: the provider kind. */
  limitKey?: string;
}

export interface AttemptSettings {
  runId: string;
  limits: RunLimits;
  now: () => number;
  estimateTokens: (text: string) => number;
  /** Minimum ms between two streaming `metrics` events of this model. */
  metricsIntervalMs: number;
  emit: (event: RunEvent) => void;
  /** Most characters of text plus reasoning one answer may have; past it the stream is aborted. */
  maxAnswerChars: number;
}

/**
 * Default cap on one answer (text plus reasoning), below the webview protocol's 5,000,000-character limit so a
 * hostile or runaway model can never make the results view fail validation.
 */
export const MAX_ANSWER_CHARS = 4_000_000;

type StopReason = { type: 'cancelled' } | { type: 'timeout'; kind: TimeoutKind } | { type: 'superseded' } | { type: 'too-long' };

type StreamEnd =
  | { type: 'terminal'; event: Extract<StreamEvent, { type: 'done' | 'error' }> }
  | { type: 'ended' }
  | { type: 'threw'; error: unknown }
  | { type: 'stopped' };

export class ModelAttempt {
  readonly outcome: Promise<ModelOutcome>;
  private readonly controller = new AbortController();
  private readonly metrics: ModelMetricsTracker;
  private readonly watchdogs: StreamWatchdogs;
  private stopReason: StopReason | undefined;
  /** Replaced by a retry: nothing more is emitted. */
  private silenced = false;
  /**
   * Settles when the attempt is stopped. The outcome races it once against the whole consumption, so a provider
   * that hangs (in prepare or a read) or ignores its abort signal is cut loose at once, without wrapping every
   * read in a promise of its own.
   */
  private readonly stopped: Promise<StreamEnd>;
  private wakeStopped!: (end: StreamEnd) => void;
  private iterator: AsyncIterator<StreamEvent> | undefined;
  private released = false;
  private text = '';
  private reasoning = '';
  /** Deltas not yet emitted: those of one event-loop turn go out as one event per channel run (see flush). */
  private pending: Array<{ channel: 'text' | 'reasoning'; text: string }> = [];
  private pendingChars = { text: 0, reasoning: 0 };
  private flushing: ReturnType<typeof setImmediate> | undefined;
  private lastMetricsAt = Number.NEGATIVE_INFINITY;
  private settled: ModelOutcome | undefined;

  constructor(
    private readonly model: CompareModel,
    private readonly settings: AttemptSettings,
  ) {
    const startedAt = settings.now();
    this.metrics = new ModelMetricsTracker(startedAt, requestText(model.request), settings.estimateTokens, model.price);
    this.watchdogs = new StreamWatchdogs(settings.limits, (kind) => this.stop({ type: 'timeout', kind }));
    this.emit({ type: 'model-start', runId: settings.runId, modelId: model.spec.id, startedAt });
    this.stopped = new Promise((resolve) => (this.wakeStopped = resolve));
    this.watchdogs.start();
    this.outcome = Promise.race([this.consume(), this.stopped]).then((end) => this.settle(end));
  }

  get modelId(): string {
    return this.model.spec.id;
  }

  /** A retry replaced this attempt while it was in flight. */
  get isSuperseded(): boolean {
    return this.silenced;
  }

  get isSettled(): boolean {
    return this.settled !== undefined;
  }

  /** Ends the attempt as `cancelled`. No effect once it has settled. */
  cancel(): void {
    this.stop({ type: 'cancelled' });
  }

  /** Aborts the attempt without emitting anything more: a retry has replaced it. */
  supersede(): void {
    // Also after a cancel that has not settled yet: a replaced attempt must never report its end.
    this.silenced = true;
    this.stop({ type: 'superseded' });
  }

  /** The outcome so far (final once settled): the text as emitted so far, so it matches what listeners were told. */
  peek(): ModelOutcome {
    if (this.settled) return this.settled;
    const text = this.text.slice(0, this.text.length - this.pendingChars.text);
    const reasoning = this.reasoning.slice(0, this.reasoning.length - this.pendingChars.reasoning);
    return { modelId: this.modelId, state: 'streaming', text, reasoning, metrics: this.metrics.snapshot(this.settings.now()) };
  }

  private stop(reason: StopReason): void {
    if (this.stopReason || this.settled) return;
    this.stopReason = reason;
    this.watchdogs.stop();
    this.controller.abort();
    this.release();
    this.wakeStopped({ type: 'stopped' });
  }

  private emit(event: RunEvent): void {
    if (!this.silenced) this.settings.emit(event);
  }

  private async consume(): Promise<StreamEnd> {
    if (this.model.provider.prepare) {
      await this.prepareProvider();
      if (this.stopReason) return { type: 'stopped' };
    }
    this.metrics.markSent(this.settings.now());
    this.watchdogs.requestSent();
    let iterator: AsyncIterator<StreamEvent>;
    try {
      // The clock starts again when the request actually leaves (providers that can tell; see requestSentClock.ts).
      const onSent = (at?: number): void => this.metrics.markSent(this.engineTime(at));
      iterator = this.model.provider.stream(this.model.request, this.controller.signal, onSent)[Symbol.asyncIterator]();
      this.iterator = iterator;
    } catch (error) {
      return { type: 'threw', error };
    }
    try {
      let sliceStart = performance.now();
      for (;;) {
        // A stream whose bytes are already buffered resolves every read as a microtask, so a fast server sending
        // megabytes would hold the event loop until it is drained: give the loop a turn every few milliseconds.
        if (performance.now() - sliceStart > STREAM_SLICE_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          sliceStart = performance.now();
        }
        if (this.stopReason) return { type: 'stopped' };
        const next = await iterator.next();
        if (this.stopReason) return { type: 'stopped' };
        if (next.done) return { type: 'ended' };
        const event = next.value;
        if (event.type === 'done' || event.type === 'error') {
          this.release();
          return { type: 'terminal', event };
        }
        this.onStreamEvent(event);
      }
    } catch (error) {
      return this.stopReason ? { type: 'stopped' } : { type: 'threw', error };
    }
  }

  /** A prepare that cannot fail: if loading fails, `stream()` reports it as an error event. */
  private prepareProvider(): Promise<void> {
    try {
      return (this.model.provider.prepare?.(this.controller.signal) ?? Promise.resolve()).catch(() => undefined);
    } catch {
      return Promise.resolve();
    }
  }

  /** Lets go of the provider's iterator without waiting for it (once): a hung provider must not hold the model. */
  private release(): void {
    if (!this.iterator || this.released) return;
    this.released = true;
    release(this.iterator);
  }

  private onStreamEvent(event: Exclude<StreamEvent, { type: 'done' | 'error' }>): void {
    if (event.type === 'usage') {
      this.metrics.noteUsage(event);
      this.watchdogs.activity(false);
      return;
    }
    if (event.text === '') return;
    const room = this.settings.maxAnswerChars - this.text.length - this.reasoning.length;
    const text = event.text.length > room ? event.text.slice(0, Math.max(0, room)) : event.text;
    if (text !== '') this.append(event.type, text, event.receivedAt);
    if (text.length < event.text.length) this.stop({ type: 'too-long' });
  }

  /** `receivedAt`: when the provider says the bytes arrived (the first token's, see requestSentClock.ts). */
  private append(channel: 'text' | 'reasoning', text: string, receivedAt?: number): void {
    const now = this.settings.now();
    this.metrics.noteDelta(channel, text, receivedAt === undefined ? now : this.engineTime(receivedAt, now));
    this.watchdogs.activity(true);
    if (channel === 'text') this.text += text;
    else this.reasoning += text;
    const last = this.pending[this.pending.length - 1];
    if (last?.channel === channel) last.text += text;
    else this.pending.push({ channel, text });
    this.pendingChars[channel] += text.length;
    this.flushing ??= setImmediate(this.flush);
  }

  /**
   * Emits the deltas received since the last flush, once per turn of the event loop: a stream whose bytes are
   * buffered yields many deltas per turn (one per SDK event), and every listener (the host's view state, the
   * webview protocol) would otherwise do its work per delta. Then the throttled streaming metrics.
   */
  private readonly flush = (): void => {
    if (this.flushing !== undefined) clearImmediate(this.flushing);
    this.flushing = undefined;
    if (this.pending.length === 0) return;
    const { runId } = this.settings;
    const pending = this.pending;
    this.pending = [];
    this.pendingChars = { text: 0, reasoning: 0 };
    for (const { channel, text } of pending) this.emit({ type: 'delta', runId, modelId: this.modelId, channel, text });
    const now = this.settings.now();
    if (now - this.lastMetricsAt >= this.settings.metricsIntervalMs) {
      this.lastMetricsAt = now;
      this.emit({ type: 'metrics', runId, modelId: this.modelId, metrics: this.metrics.snapshot(now) });
    }
  };

  /**
   * A provider's stamp (epoch ms on {@link preciseNow}'s clock) on the engine's clock, which a caller may replace:
   * the stamp as is on the default clock, else the engine's now minus how long ago it was. Never in the future.
   */
  private engineTime(stamp: number | undefined, now = this.settings.now()): number {
    if (stamp === undefined) return now;
    if (this.settings.now === preciseNow) return Math.min(stamp, now);
    return now - Math.max(0, preciseNow() - stamp);
  }

  private settle(end: StreamEnd): ModelOutcome {
    this.watchdogs.stop();
    this.flush();
    const at = this.settings.now();
    const metrics = this.metrics.snapshot(at, { text: this.text, reasoning: this.reasoning });
    const outcome: ModelOutcome = { modelId: this.modelId, state: 'done', text: this.text, reasoning: this.reasoning, metrics };
    Object.assign(outcome, this.endState(end));
    this.settled = outcome;
    const { runId } = this.settings;
    this.emit({ type: 'metrics', runId, modelId: this.modelId, metrics });
    this.emit({ type: 'model-end', runId, outcome });
    return outcome;
  }

  private endState(end: StreamEnd): Pick<ModelOutcome, 'state' | 'finishReason' | 'error'> {
    const reason = this.stopReason;
    if (reason?.type === 'timeout') {
      return { state: 'timed-out', error: { kind: 'timeout', timeout: reason.kind, message: timeoutMessage(reason.kind, this.settings.limits) } };
    }
    if (reason?.type === 'too-long') {
      return { state: 'incomplete', error: { kind: 'unknown', message: tooLongMessage(this.settings.maxAnswerChars) } };
    }
    if (reason) return { state: 'cancelled', error: { kind: 'cancelled', message: 'Cancelled.' } };
    switch (end.type) {
      case 'terminal': {
        if (end.event.type !== 'done') {
          const wait = end.event.retryAfterMs;
          return { state: 'error', error: { kind: end.event.kind, message: redactSecrets(end.event.message), ...(wait === undefined ? {} : { retryAfterMs: wait }) } };
        }
        const { finishReason } = end.event;
        const cutOff = cutOffMessage(finishReason);
        return cutOff ? { state: 'incomplete', finishReason, error: { kind: 'unknown', message: cutOff } } : { state: 'done', finishReason };
      }
      case 'threw':
        return { state: 'error', error: { kind: 'unknown', message: redactSecrets(describeError(end.error)) } };
      case 'ended':
      case 'stopped':
        return {
          state: 'incomplete',
          error: { kind: 'unknown', message: 'The response stream ended before the model said it was finished; the answer may be cut off.' },
        };
    }
  }
}

/** Stop reasons that mean the answer was cut off, not finished. */
function cutOffMessage(finishReason: string): string | undefined {
  switch (finishReason) {
    case 'length':
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return `The answer was cut off: it reached the output token limit (${finishReason}).`;
    case 'content_filter':
    case 'refusal':
      return `The provider stopped the answer (${finishReason}).`;
    default:
      return undefined;
  }
}

/** Everything sent to the model, for the input-token estimate. */
function requestText(request: ProviderRequest): string {
  return [request.system ?? '', ...request.messages.map((m) => m.content)].join('\n');
}

/** Lets go of a provider iterator without waiting for it: a hung provider must not hold the model. */
function release(iterator: AsyncIterator<StreamEvent>): void {
  try {
    iterator.return?.()?.catch(() => undefined);
  } catch {
    // A provider whose return() throws has nothing left to clean up that we could help with.
  }
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `The provider failed unexpectedly: ${message || 'no details'}`;
}

function tooLongMessage(maxChars: number): string {
  return `Stopped: answer too long (over ${maxChars.toLocaleString('en-US')} characters); the rest was not received.`;
}

function timeoutMessage(kind: TimeoutKind, limits: RunLimits): string {
  const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;
  switch (kind) {
    case 'first-token':
      return `No answer started within ${seconds(limits.firstTokenMs)}.`;
    case 'idle':
      return `The answer stalled: nothing arrived for ${seconds(limits.idleMs)}.`;
    case 'total':
      return `The answer took longer than the ${seconds(limits.totalMs)} limit.`;
  }
}

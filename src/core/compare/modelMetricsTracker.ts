/**
 * Accumulates one model's timing and token metrics while it streams: provider-reported usage when there is
 * some, estimates from the request and streamed text otherwise.
 */
import type { ModelMetrics } from './runTypes';
import { costUsd, type ModelPrice } from './pricing';

export interface ReportedUsage {
  inputTokens?: number;
  outputTokens?: number;
  reasoningTokens?: number;
}

/**
 * Tokens per second need this much streaming time after the first token: an answer that arrives in one burst (a
 * buffering proxy, a local server, a fake) would otherwise show hundreds of thousands of tokens per second.
 */
export const MIN_RATE_WINDOW_MS = 20;

/** Above this many characters an ended answer keeps its streamed (per-delta) estimate. */
export const WHOLE_ESTIMATE_MAX_CHARS = 200_000;

export class ModelMetricsTracker {
  private firstTokenAt: number | undefined;
  private readonly reported: ReportedUsage = {};
  private streamedOutputEstimate = 0;
  private streamedReasoningEstimate = 0;
  private readonly inputEstimate: number;

  constructor(
    private startedAt: number,
    inputText: string,
    private readonly estimate: (text: string) => number,
    private readonly price: ModelPrice | undefined,
  ) {
    this.inputEstimate = estimate(inputText);
  }

  /** The request was sent at `at`: TTFT and total time count from here (not from when the attempt began). */
  markSent(at: number): void {
    this.startedAt = at;
  }

  /** Records a streamed text or reasoning delta received at `at`. */
  noteDelta(channel: 'text' | 'reasoning', text: string, at: number): void {
    this.firstTokenAt ??= at;
    const tokens = this.estimate(text);
    this.streamedOutputEstimate += tokens;
    if (channel === 'reasoning') this.streamedReasoningEstimate += tokens;
  }

  /** Provider usage values are absolute: a later report overwrites the fields it carries. */
  noteUsage(usage: ReportedUsage): void {
    if (usage.inputTokens !== undefined) this.reported.inputTokens = usage.inputTokens;
    if (usage.outputTokens !== undefined) this.reported.outputTokens = usage.outputTokens;
    if (usage.reasoningTokens !== undefined) this.reported.reasoningTokens = usage.reasoningTokens;
  }

  /**
   * Metrics as of `at`. While streaming, output estimates are the sum of per-delta estimates; pass the final
   * `text`/`reasoning` when the model has ended so the estimate is made over the whole answer once. Past
   * {@link WHOLE_ESTIMATE_MAX_CHARS} the per-delta sums stand: re-estimating megabytes at once blocks the host.
   */
  snapshot(at: number, finished?: { text: string; reasoning: string }): ModelMetrics {
    const ended = finished && finished.text.length + finished.reasoning.length <= WHOLE_ESTIMATE_MAX_CHARS ? finished : undefined;
    const outputEstimate = ended ? this.estimate(ended.text) + this.estimate(ended.reasoning) : this.streamedOutputEstimate;
    const reasoningEstimate = ended ? this.estimate(ended.reasoning) : this.streamedReasoningEstimate;

    const inputTokens = this.reported.inputTokens ?? this.inputEstimate;
    const outputTokens = this.reported.outputTokens ?? outputEstimate;
    const reasoningTokens = this.reported.reasoningTokens ?? (reasoningEstimate > 0 ? reasoningEstimate : undefined);
    const inputEstimated = this.reported.inputTokens === undefined;
    const outputEstimated = this.reported.outputTokens === undefined || (reasoningTokens !== undefined && this.reported.reasoningTokens === undefined);
    const tokensEstimated = inputEstimated || outputEstimated;

    const streamingMs = this.firstTokenAt === undefined ? 0 : at - this.firstTokenAt;
    const metrics: ModelMetrics = {
      startedAt: this.startedAt,
      inputTokens,
      outputTokens,
      tokensEstimated,
      inputEstimated,
      outputEstimated,
      tokensPerSecond: outputTokens >= 1 && streamingMs >= MIN_RATE_WINDOW_MS ? outputTokens / (streamingMs / 1000) : undefined,
      costUsd: costUsd(this.price, { inputTokens, outputTokens }),
    };
    if (reasoningTokens !== undefined) metrics.reasoningTokens = reasoningTokens;
    if (this.firstTokenAt !== undefined) {
      metrics.firstTokenAt = this.firstTokenAt;
      metrics.ttftMs = this.firstTokenAt - this.startedAt;
    }
    if (ended) {
      metrics.endedAt = at;
      metrics.totalMs = at - this.startedAt;
    }
    return metrics;
  }
}

/**
 * The compare engine's public vocabulary: what a run is, the per-model states and metrics, and the
 * events a UI renders incrementally. Pure TypeScript, shared by host and (through the protocol) webviews.
 */
import type { ProviderErrorKind, ProviderKind, ReasoningEffort } from '../providers/provider';

/** In-flight states first, then the five end states. */
export type ModelRunState =
  | 'queued'
  | 'streaming'
  | 'done'
  | 'error'
  | 'cancelled'
  | 'timed-out'
  | 'incomplete';

export const END_STATES: readonly ModelRunState[] = ['done', 'error', 'cancelled', 'timed-out', 'incomplete'];

/** Which watchdog fired, for a `timed-out` end state. */
export type TimeoutKind = 'first-token' | 'idle' | 'total';

export interface RunLimits {
  /** Max ms from request start to the first text or reasoning token. */
  firstTokenMs: number;
  /** Max ms between two chunks once streaming. */
  idleMs: number;
  /** Max ms for the whole answer. */
  totalMs: number;
  /** Requests in flight at once to one hosted provider (endpoint origin); see providerLimits.ts. */
  concurrencyPerProvider?: number | undefined;
  /** Requests in flight at once to one server on this machine. */
  concurrencyLocal?: number | undefined;
}

/** A model as a run sees it: identity plus the parameters that make two entries of one model differ. */
export interface ModelSpec {
  /** Unique id of the configured entry (settings `parallax.models[].id`). */
  id: string;
  label: string;
  provider: ProviderKind;
  /** Provider-side model id. */
  model: string;
  /** True when this entry talks to the offline demo endpoints. */
  demo?: boolean | undefined;
  temperature?: number | undefined;
  maxTokens?: number | undefined;
  reasoning?: ReasoningEffort | undefined;
}

export interface ModelMetrics {
  /** Epoch ms when the request was sent. */
  startedAt: number;
  /** Epoch ms of the first text or reasoning token. */
  firstTokenAt?: number | undefined;
  /** Epoch ms when the model reached an end state. */
  endedAt?: number | undefined;
  ttftMs?: number | undefined;
  totalMs?: number | undefined;
  inputTokens?: number | undefined;
  outputTokens?: number | undefined;
  reasoningTokens?: number | undefined;
  /** True when any token count above is an estimate rather than provider-reported. */
  tokensEstimated: boolean;
  /** Which counts are estimates. */
  inputEstimated?: boolean | undefined;
  outputEstimated?: boolean | undefined;
  /** Output tokens per second, counted from the first token to the end. */
  tokensPerSecond?: number | undefined;
  /** USD. Undefined means unknown (no price known), never 0. */
  costUsd?: number | undefined;
}

export interface ModelOutcome {
  modelId: string;
  state: ModelRunState;
  text: string;
  reasoning: string;
  metrics: ModelMetrics;
  finishReason?: string;
  error?: { kind: ProviderErrorKind | 'timeout'; message: string; timeout?: TimeoutKind; retryAfterMs?: number };
  /** Which sample of a repeat run (1-based); absent in a run of one sample per model. */
  sample?: number;
}

export type RunEvent =
  | { type: 'run-start'; runId: string; requestHash: string; models: ModelSpec[]; startedAt: number }
  | { type: 'model-start'; runId: string; modelId: string; startedAt: number; sample?: number }
  | { type: 'delta'; runId: string; modelId: string; channel: 'text' | 'reasoning'; text: string; sample?: number }
  | { type: 'metrics'; runId: string; modelId: string; metrics: ModelMetrics; sample?: number }
  | { type: 'model-end'; runId: string; outcome: ModelOutcome }
  | { type: 'run-end'; runId: string; outcomes: ModelOutcome[]; endedAt: number };

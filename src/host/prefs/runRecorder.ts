/**
 * Appends each fact of a run to the preference log the moment the user sees it: the run's start (shown order,
 * blind state), every attempt as its column ends, votes, notes, reveals, applies and cancellations.
 * Entries go out in call order (the log serialises appends). No `vscode` import (unit-tested).
 */
import type { ModelOutcome, ModelSpec } from '../../core/compare/runTypes';
import type { LogEntry, RunStartEvent } from '../../core/prefs/logEvents';
import type { RunModel, RunOutput, Vote } from '../../core/prefs/preferenceRecord';

/** Where entries go: the preference service in the extension, a plain log in tests. Resolves false when kept unsaved. */
export interface RecordSink {
  append(entry: LogEntry): Promise<boolean>;
}

export type RunStartFacts = Omit<RunStartEvent, 'schemaVersion' | 'type' | 'at' | 'models'> & { at: string; specs: readonly ModelSpec[] };

/** What the edit extractor took from an answer, as the record keeps it. */
export interface ExtractedFacts {
  code?: string;
  followedFormat: boolean;
}

export class RunRecorder {
  constructor(
    private readonly sink: RecordSink,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  runStarted(facts: RunStartFacts): Promise<boolean> {
    const { specs, ...rest } = facts;
    return this.sink.append({ schemaVersion: 2, type: 'run-start', ...rest, models: specs.map(runModelOf) });
  }

  attempt(runId: string, attempt: number, outcome: ModelOutcome, extracted: ExtractedFacts | undefined): Promise<boolean> {
    const sample = outcome.sample === undefined ? {} : { sample: outcome.sample };
    return this.sink.append({ schemaVersion: 2, type: 'attempt', runId, attempt, ...sample, at: this.now(), output: outputOf(outcome, extracted) });
  }

  vote(runId: string, vote: Vote): Promise<boolean> {
    return this.sink.append({ schemaVersion: 2, type: 'vote', runId, vote, at: vote.votedAt });
  }

  note(runId: string, note: string): Promise<boolean> {
    return this.sink.append({ schemaVersion: 2, type: 'note', runId, note, at: this.now() });
  }

  reveal(runId: string): Promise<boolean> {
    return this.sink.append({ schemaVersion: 2, type: 'reveal', runId, at: this.now() });
  }

  applied(runId: string, modelId: string, attempt: number, files?: readonly string[]): Promise<boolean> {
    return this.sink.append({ schemaVersion: 2, type: 'apply', runId, modelId, attempt, ...(files ? { files: [...files] } : {}), at: this.now() });
  }

  cancelled(runId: string, reason: 'user' | 'replaced' | 'closed', modelIds?: readonly string[]): Promise<boolean> {
    return this.sink.append({ schemaVersion: 2, type: 'cancel', runId, reason, ...(modelIds ? { modelIds: [...modelIds] } : {}), at: this.now() });
  }
}

/** A model as the record keeps it: only the parameters that were actually sent. */
export function runModelOf(spec: ModelSpec): RunModel {
  return {
    id: spec.id,
    label: spec.label,
    provider: spec.provider,
    model: spec.model,
    params: {
      ...(spec.temperature === undefined ? {} : { temperature: spec.temperature }),
      ...(spec.maxTokens === undefined ? {} : { maxTokens: spec.maxTokens }),
      ...(spec.reasoning === undefined ? {} : { reasoning: spec.reasoning }),
    },
    ...(spec.demo ? { demo: true } : {}),
  };
}

/** One ended attempt as a log output. An attempt still in flight is logged as cancelled. */
export function outputOf(outcome: ModelOutcome, extracted: ExtractedFacts | undefined): RunOutput {
  const m = outcome.metrics;
  const state = outcome.state === 'queued' || outcome.state === 'streaming' ? 'cancelled' : outcome.state;
  return {
    modelId: outcome.modelId,
    state,
    text: outcome.text,
    ...(outcome.reasoning ? { reasoning: outcome.reasoning } : {}),
    ...(outcome.error ? { error: outcome.error.message } : {}),
    ...(outcome.finishReason ? { finishReason: outcome.finishReason.slice(0, 100) } : {}),
    metrics: {
      ttftMs: m.ttftMs,
      totalMs: m.totalMs,
      inputTokens: m.inputTokens,
      outputTokens: m.outputTokens,
      reasoningTokens: m.reasoningTokens,
      tokensEstimated: m.tokensEstimated,
      tokensPerSecond: m.tokensPerSecond,
      costUsd: m.costUsd,
    },
    ...(extracted?.code === undefined ? {} : { extractedCode: extracted.code }),
    ...(extracted ? { followedFormat: extracted.followedFormat } : {}),
  };
}

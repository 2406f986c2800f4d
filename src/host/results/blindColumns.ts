/**
 * Column identity: which model sits in which results-panel column, and what the panel may be told about it.
 * In blind mode columns are shuffled and named "Model A", "Model B", … with provider, model, parameters and cost
 * hidden until the vote. No `vscode` import (unit-tested).
 */
import type { ModelSpec } from '../../core/compare/runTypes';
import type { ColumnView, MetricsView } from '../../shared/protocol';

export interface ColumnAssignment {
  /** "c0", "c1", … in the order the columns are shown, left to right. */
  columnId: string;
  modelId: string;
}

/** Fisher–Yates with an injectable random source (Math.random in production, seeded in tests). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Columns in configured order, or shuffled when blind. */
export function assignColumns(modelIds: readonly string[], blind: boolean, random: () => number = Math.random): ColumnAssignment[] {
  const order = blind ? shuffled(modelIds, random) : [...modelIds];
  return order.map((modelId, i) => ({ columnId: `c${i}`, modelId }));
}

/** "Model A" … "Model Z", then "Model 27" … */
export function blindLabel(index: number): string {
  return index < 26 ? `Model ${String.fromCharCode(65 + index)}` : `Model ${index + 1}`;
}

/**
 * "reasoning: high, temp 0.2, max 4096 tokens", or undefined when nothing is set. The spec holds `temperature`
 * only when it was sent (core/config/modelRequest.ts `modelSpecFrom` applies core/providers/endpoints.ts
 * `sendsTemperature`: not to the official Anthropic API), so a column never shows a temperature that was not sent.
 */
export function paramsSummary(spec: Pick<ModelSpec, 'reasoning' | 'temperature' | 'maxTokens'>): string | undefined {
  const parts: string[] = [];
  if (spec.reasoning && spec.reasoning !== 'off') parts.push(`reasoning: ${spec.reasoning}`);
  if (spec.temperature !== undefined) parts.push(`temp ${spec.temperature}`);
  if (spec.maxTokens !== undefined) parts.push(`max ${spec.maxTokens} tokens`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** The label a user sees for a model, with "(demo)" added for demo endpoints unless the label already says so. */
export function modelDisplayLabel(spec: Pick<ModelSpec, 'label' | 'model' | 'demo'>): string {
  const base = spec.label.trim() || spec.model;
  return spec.demo && !/\(demo\)/i.test(base) ? `${base} (demo)` : base;
}

/** What the panel is told about one column. */
export function columnView(columnId: string, index: number, spec: ModelSpec, masked: boolean): ColumnView {
  if (masked) return { columnId, displayLabel: blindLabel(index) };
  const params = paramsSummary(spec);
  return {
    columnId,
    displayLabel: modelDisplayLabel(spec),
    provider: spec.provider,
    model: spec.model,
    ...(spec.demo ? { demo: true } : {}),
    ...(params ? { params } : {}),
  };
}

/** Metrics as the panel may see them: cost hides a model's identity, so it is removed while masked. */
export function metricsView(metrics: MetricsView, masked: boolean): MetricsView {
  if (!masked || metrics.costUsd === undefined) return metrics;
  const { costUsd: _hidden, ...rest } = metrics;
  return rest;
}

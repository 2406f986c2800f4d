/**
 * What the judge is given and how its answer is shown (issue 12), from a live run: the candidates in column order
 * under their neutral labels, the names to mask, and the view the panel may see — held back (no text) while a
 * blind run has no vote. No `vscode` import (unit-tested).
 */
import type { ModelSpec } from '../../core/compare/runTypes';
import type { JudgePick } from '../../core/prefs/judgeVerdict';
import type { MaskName } from '../../core/prefs/judgeVerdict';
import { type JudgeCandidate, type JudgeTask, labelLetter } from '../../core/prompts/judgePrompt';
import type { JudgeView } from '../../shared/judgeProtocol';
import type { RunView } from '../../shared/protocol';
import { capText, TEMPLATE_TITLES } from '../../shared/vocabulary';
import { blindLabel, modelDisplayLabel } from '../results/blindColumns';
import type { RunSession } from '../run/runSession';

export interface JudgedCandidate extends JudgeCandidate {
  modelId: string;
  attempt: number;
  /** The model's shown name (for the legend once names may be shown). */
  name: string;
}

/** The candidates as the columns show them, left to right, labelled "Model A", "Model B", … */
export function judgeCandidates(view: RunView, specs: readonly ModelSpec[], modelIdOf: (columnId: string) => string | undefined, attemptOf: (modelId: string) => number): JudgedCandidate[] {
  return view.columns.flatMap((column, index) => {
    const modelId = modelIdOf(column.columnId);
    const spec = specs.find((s) => s.id === modelId);
    const state = view.states.find((s) => s.columnId === column.columnId);
    if (!modelId || !spec || !state) return [];
    return [{
      label: blindLabel(index),
      text: state.text,
      ...(state.state === 'done' ? {} : { unfinished: state.state }),
      modelId,
      attempt: Math.max(1, attemptOf(modelId)),
      name: modelDisplayLabel(spec),
    }];
  });
}

export function judgeTask(session: Pick<RunSession, 'plan'>): JudgeTask {
  const { plan } = session;
  return {
    title: TEMPLATE_TITLES[plan.template],
    ...(plan.instruction ? { instruction: plan.instruction } : {}),
    ...(plan.context.filePath ? { filePath: plan.context.filePath } : {}),
    languageId: plan.context.languageId,
    originalCode: plan.originalText,
  };
}

/**
 * Every name a judge could give a model away by: each candidate's id, label, shown label and provider model name
 * become its blind label; other configured models' become "another model".
 */
export function namesToMask(candidates: readonly JudgedCandidate[], runSpecs: readonly ModelSpec[], configured: ReadonlyArray<{ id: string; label: string; model: string }>): MaskName[] {
  const names: MaskName[] = [];
  for (const c of candidates) {
    const spec = runSpecs.find((s) => s.id === c.modelId);
    for (const name of [c.modelId, c.name, spec?.label, spec?.model]) if (name) names.push({ name, replacement: c.label });
  }
  for (const m of configured) for (const name of [m.id, m.label, m.model]) names.push({ name, replacement: 'another model' });
  return names;
}

/** The panel's words for a pick. */
export function pickLabel(pick: JudgePick | undefined, candidates: readonly JudgedCandidate[]): string | undefined {
  if (!pick) return undefined;
  return pick.kind === 'none' ? 'none of them' : candidates[pick.index]?.label;
}

export interface Judgement {
  runId: string;
  judgeLabel: string;
  /** The run was blind when the judge was asked: its opinion waits for the vote. */
  blind: boolean;
  candidates: JudgedCandidate[];
  state: 'running' | 'done' | 'error';
  /** Masked already when blind. */
  text: string;
  pick?: JudgePick | undefined;
  error?: string;
}

/** What the panel may see of a judgement: no text while a blind run has no vote; a legend once names are shown. */
export function judgeViewOf(j: Judgement, voted: boolean, namesShown: boolean): JudgeView {
  const held = j.blind && !voted;
  const judgeLabel = capText(j.judgeLabel);
  switch (j.state) {
    case 'running':
      return held ? { state: 'running', judgeLabel } : { state: 'running', judgeLabel, text: j.text };
    case 'error':
      return { state: 'error', judgeLabel, message: capText(j.error ?? 'The judge failed.') };
    case 'done': {
      if (held) return { state: 'held', judgeLabel };
      const pick = pickLabel(j.pick, j.candidates);
      return {
        state: 'done',
        judgeLabel,
        text: j.text,
        ...(pick ? { pickLabel: pick } : {}),
        ...(namesShown ? { legend: j.candidates.map((c) => ({ label: c.label, name: capText(c.name) })) } : {}),
      };
    }
  }
}

export { labelLetter };
